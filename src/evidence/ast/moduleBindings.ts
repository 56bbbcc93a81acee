import type { RuleLanguage } from './astGrep.js';

/**
 * The names a file's imports bind (`import config from './config'`, `from django.conf import settings`,
 * Go's `import "github.com/spf13/viper"`), read from the file's text. What such a name holds comes from
 * another module, never from a caller of the function that reads it. Empty for languages whose imports
 * name types (Java's are read as types through memberChainRoot).
 */
export function moduleBindings(source: string, lang: RuleLanguage): Set<string> {
  const names = new Set<string>();
  if (lang === 'javascript') {
    for (const m of source.matchAll(/^[ \t]*import\s+(?:type\s+)?([\w$*{},\s]+?)\s+from\s+['"]/gm)) {
      for (const part of (m[1] as string).replace(/[{}]/g, ',').split(',')) {
        const name = /(?:\bas\s+)?([A-Za-z_$][\w$]*)\s*$/.exec(part.trim())?.[1];
        if (name && name !== 'type') names.add(name);
      }
    }
  } else if (lang === 'python') {
    for (const m of source.matchAll(/^[ \t]*(?:from\s+[\w.]+\s+)?import\s+(\([^)]*\)|[^\n#]+)/gm)) {
      for (const part of (m[1] as string).replace(/[()\\]/g, '').split(',')) {
        const words = part.trim().split(/\s+/);
        // `import a.b.c` binds `a`; `x as y` binds `y`.
        const name = words.length === 3 && words[1] === 'as' ? words[2] : words[0]?.split('.')[0];
        if (name && /^[A-Za-z_]\w*$/.test(name)) names.add(name);
      }
    }
  } else if (lang === 'go') {
    const block = /^import\s*\(([^)]*)\)/m.exec(source)?.[1] ?? '';
    const single = [...source.matchAll(/^import\s+((?:[\w.]+\s+)?"[^"]+")/gm)].map((m) => m[1] as string);
    for (const spec of [...block.split('\n'), ...single]) {
      const m = /^\s*(?:([\w.]+)\s+)?"([^"]+)"/.exec(spec);
      if (!m) continue;
      // `_` and `.` bind no name; a version suffix (`/v2`) is not the package's name.
      const name = m[1] ?? (m[2] as string).split('/').filter((s) => !/^v\d+$/.test(s)).pop()?.replace(/^go-|[.-]go$|\.v\d+$/g, '');
      if (name && name !== '_' && /^[A-Za-z_]\w*$/.test(name)) names.add(name);
    }
  }
  return names;
}
