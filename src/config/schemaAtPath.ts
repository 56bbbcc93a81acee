import { z } from 'zod';

/** Strips the wrappers that do not change what a value must look like (defaults, optional, nullable). */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodReadonly
    ) {
      current = current.unwrap() as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The schema that governs the value at `path`, or undefined when the path leaves the schema. */
export function schemaAtPath(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current = unwrapSchema(schema);
  for (const segment of path) {
    if (current instanceof z.ZodObject && typeof segment === 'string' && Object.hasOwn(current.shape, segment)) {
      current = unwrapSchema(current.shape[segment] as z.ZodType);
    } else if (current instanceof z.ZodArray && typeof segment === 'number') {
      current = unwrapSchema(current.element as z.ZodType);
    } else {
      return undefined;
    }
  }
  return current;
}
