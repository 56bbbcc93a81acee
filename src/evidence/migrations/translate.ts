import { emptyTranslation, FRAMEWORK_NAMES, type Framework, type Translation } from './Translation.js';
import { translateDjango } from './translateDjango.js';
import { translateRails } from './translateRails.js';

/** The translator for a framework. */
export function translate(framework: Framework, content: string, path: string): Translation {
  switch (framework) {
    case 'rails':
      return translateRails(content);
    case 'django':
      return translateDjango(content, path);
    default: {
      const tr = emptyTranslation(framework);
      tr.unknown.push({ line: 0, what: `${FRAMEWORK_NAMES[framework]} migrations are not translated yet` });
      return tr;
    }
  }
}
