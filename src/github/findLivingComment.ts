import { decodeMarker, type MarkerData } from '../domain/marker.js';
import type { CommentData, ReadGitHub as GitHub } from './GitHub.js';

export interface LivingComment {
  comment: CommentData;
  marker: MarkerData;
}

/**
 * The bot's one comment for a job family: it must carry the family's marker AND be authored by the
 * bot, so a human comment that quotes or forges the marker is never picked (and never edited).
 */
export function pickLivingComment(comments: CommentData[], family: string, botLogin: string): LivingComment | undefined {
  for (const comment of comments) {
    if (comment.author !== botLogin) continue;
    const marker = decodeMarker(comment.body);
    if (marker?.family === family) return { comment, marker };
  }
  return undefined;
}

export async function findLivingComment(github: GitHub, number: number, family: string): Promise<LivingComment | undefined> {
  const [comments, login] = await Promise.all([github.comments(number, 1000), github.botLogin()]);
  return pickLivingComment(comments, family, login);
}
