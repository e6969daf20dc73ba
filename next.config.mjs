/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // forbidden() from next/navigation: restore-history pages answer 403 for the viewer role (app/forbidden.tsx).
    authInterrupts: true,
  },
};

export default nextConfig;
