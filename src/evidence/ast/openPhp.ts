/**
 * PHP's parser reads code only after an opening `<?php` tag; a diff fragment rarely shows the file's
 * first line, so without the tag the fragment would parse as plain text and no rule could match. The tag
 * is put in front of the first line, so every line keeps its number.
 */
export function openPhp(source: string): string {
  return /<\?(?:php\b|=)/.test(source.slice(0, 4000)) ? source : `<?php ${source}`;
}
