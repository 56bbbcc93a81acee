import { emptyTranslation, FRAMEWORK_NAMES, type Framework, type Translation } from './Translation.js';
import { translateAlembic } from './translateAlembic.js';
import { translateDjango } from './translateDjango.js';
import { translateKnex } from './translateKnex.js';
import { translateRails } from './translateRails.js';
import { translateSequelize } from './translateSequelize.js';
import { translateTypeorm } from './translateTypeorm.js';

/** The translator for a framework. */
export function translate(framework: Framework, content: string, path: string): Translation {
  switch (framework) {
    case 'rails':
      return translateRails(content);
    case 'django':
      return translateDjango(content, path);
    case 'alembic':
      return translateAlembic(content);
    case 'knex':
      return translateKnex(content);
    case 'sequelize':
      return translateSequelize(content);
    case 'typeorm':
      return translateTypeorm(content);
    default: {
      const tr = emptyTranslation(framework);
      tr.unknown.push({ line: 0, what: `${FRAMEWORK_NAMES[framework]} migrations are not translated yet` });
      return tr;
    }
  }
}
