import { register } from "node:module";

/**
 * Lets a command-line script load the server's query modules: they start with `import "server-only"`,
 * whose default export throws outside a React Server Components bundle. This resolves that one package
 * with the `react-server` condition (its empty module), as `node --conditions=react-server` would, without
 * changing how anything else resolves. Call it before the first dynamic import of server code.
 */
export function allowServerModules(): void {
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
