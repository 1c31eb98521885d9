/**
 * The environment schema as ajv compiles it: each section of the file (`application`, `alerting`, …) and
 * each component under `components` moved into `$defs` and referenced, so ajv gives each its own function
 * instead of inlining all of them into one. V8 compiles a function when it is first called: a file is
 * then checked by the functions of the sections and components it has, and the rest are never compiled
 * (the one inlined function was ~340 KB of code, compiled whole on the first file of every run). What the
 * schema accepts and the errors it gives (paths, keywords, parent schemas) stay the same.
 */
interface ObjectSchema {
  readonly properties?: Record<string, object>;
  readonly [keyword: string]: unknown;
}

export function withSectionDefinitions(environmentSchema: object): object {
  const schema = environmentSchema as ObjectSchema;
  const defs: Record<string, object> = {};
  // In the schema's order: an unknown key's message lists the known ones as the schema has them.
  const referenced = (properties: Record<string, object>, prefix: string, inner: (name: string, sub: ObjectSchema) => object = (_, sub) => sub) =>
    Object.fromEntries(
      Object.entries(properties).map(([name, sub]) => {
        if ((sub as ObjectSchema).type !== 'object') return [name, sub];
        defs[`${prefix}${name}`] = inner(name, sub as ObjectSchema);
        return [name, { $ref: `#/$defs/${prefix}${name}` }];
      }),
    );
  const properties = referenced(schema.properties ?? {}, 'section-', (name, sub) =>
    name === 'components' ? { ...sub, properties: referenced(sub.properties ?? {}, 'component-') } : sub,
  );
  return { ...schema, properties, $defs: defs };
}
