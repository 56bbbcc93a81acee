import type { DjangoFieldStates } from './djangoFields.js';
import type { Framework, Translation } from './Translation.js';
import { translateAlembic } from './translateAlembic.js';
import { translateDjango } from './translateDjango.js';
import { translateEcto } from './translateEcto.js';
import { translateKnex } from './translateKnex.js';
import { translateLaravel } from './translateLaravel.js';
import { translateRails } from './translateRails.js';
import { translateSequelize } from './translateSequelize.js';
import { translateTypeorm } from './translateTypeorm.js';

/** The translator for a framework; `djangoFields`: the app's field states before a Django migration, when read. */
export function translate(framework: Framework, content: string, path: string, djangoFields?: DjangoFieldStates): Translation {
  switch (framework) {
    case 'rails':
      return translateRails(content);
    case 'django':
      return translateDjango(content, path, djangoFields);
    case 'alembic':
      return translateAlembic(content);
    case 'knex':
      return translateKnex(content);
    case 'sequelize':
      return translateSequelize(content);
    case 'typeorm':
      return translateTypeorm(content);
    case 'laravel':
      return translateLaravel(content);
    case 'ecto':
      return translateEcto(content);
  }
}
