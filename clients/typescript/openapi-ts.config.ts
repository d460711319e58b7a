import { defineConfig } from '@hey-api/openapi-ts';

// Generates the client from a committed OpenAPI document (build/generate-client.sh runs this):
// CLIENT_NAMING=camelCase (default) reads openapi.json into src/client; snake_case reads the snake_case profile's
// document, openapi_snake_case.json, into src/client-snake_case.
const snakeCase = process.env.CLIENT_NAMING === 'snake_case';

export default defineConfig({
  input: snakeCase ? '../../src/CleanApp.Web/openapi_snake_case.json' : '../../src/CleanApp.Web/openapi.json',
  output: snakeCase ? 'src/client-snake_case' : 'src/client',
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
});
