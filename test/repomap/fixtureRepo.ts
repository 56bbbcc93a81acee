/** A small Express + Knex service with migrations, routes and conventions, as files. */
export const EXPRESS_REPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^4.19.0', knex: '^3.1.0', pg: '^8.11.0', stripe: '^14.0.0' } }),
  'package-lock.json': '{}',
  'AGENTS.md': '# Conventions\nHandlers live in src/routes, one file per resource. Money is stored in integer cents.\n',
  'db/migrations/20240101_create_users.sql': 'CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL UNIQUE,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n',
  'db/migrations/20240201_create_orders.sql':
    'CREATE TABLE orders (\n  id serial PRIMARY KEY,\n  user_id bigint NOT NULL REFERENCES users(id),\n  total_cents integer NOT NULL\n);\nCREATE INDEX orders_user_id_idx ON orders (user_id);\n',
  'db/migrations/20240301_add_status_to_orders.sql': 'ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT \'new\';\nALTER TABLE users DROP COLUMN created_at;\n',
  'src/app.ts': "import express from 'express';\nimport { ordersRouter } from './routes/orders.js';\nexport const app = express();\napp.use('/orders', ordersRouter);\napp.get('/healthz', (_req, res) => res.send('ok'));\nexport const warm = () => findOrder('1');\n",
  'src/routes/orders.ts':
    "import { Router } from 'express';\nexport const ordersRouter = Router();\nordersRouter.get('/:id', async (req, res) => {\n  res.json(await findOrder(req.params.id));\n});\nordersRouter.post('/', async (req, res) => {\n  res.json(await createOrder(req.body));\n});\nexport async function findOrder(id: string) {\n  return id;\n}\nexport async function createOrder(body: unknown) {\n  return body;\n}\n",
  'src/services/billing.ts': 'export function chargeCard(cents: number) {\n  return cents;\n}\n',
  'test/orders.test.ts': "import { app } from '../src/app.js';\n",
};
