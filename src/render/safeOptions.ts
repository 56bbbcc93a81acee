import type { RenderMeta } from './RenderMeta.js';
import type { SafeTextOptions } from './safeText.js';

/** Sanitiser options for a comment: links into this repository, and a live mention of the requester only. */
export function safeOptions(meta: Pick<RenderMeta, 'repoUrl' | 'requester' | 'allowedLinks'>): SafeTextOptions {
  const extra = meta.allowedLinks ?? [];
  return {
    repoUrl: meta.repoUrl,
    keepMentions: meta.requester ? [meta.requester] : [],
    ...(extra.length > 0 ? { allowedLinkPrefixes: [...(meta.repoUrl ? [`${meta.repoUrl.replace(/\/+$/, '')}/`] : []), ...extra] } : {}),
  };
}
