/** What a renderer produces: relative file path → contents, in the order they should be listed. */
export type RenderedFiles = Map<string, string>;
