// Signs in and lists the caller's items through the generated client. CI type-checks this file
// (build/generate-client.sh, then `npm run typecheck`), so an API change that breaks clients fails the build.
import { createClient } from './src/client/client';
import { createItem, listItems, loginAccessToken, type ItemPublic } from './src/client';

export async function listMyItems(baseUrl: string, email: string, password: string): Promise<ItemPublic[]> {
  const anonymous = createClient({ baseUrl });
  const { data: token } = await loginAccessToken({
    client: anonymous,
    body: { username: email, password },
    throwOnError: true,
  });

  const api = createClient({ baseUrl, auth: () => token.access_token });
  await createItem({ client: api, body: { title: 'Written by the TypeScript client', description: null }, throwOnError: true });
  const { data: page } = await listItems({ client: api, query: { skip: 0, limit: 100 }, throwOnError: true });
  console.log(`${page.count} items; newest: ${page.data[0]?.title ?? '(none)'}`);
  return page.data;
}

// Run directly: node --experimental-strip-types example.ts http://localhost:8000 admin@example.com changethis
const [baseUrl, email, password] = process.argv.slice(2);
if (baseUrl && email && password) {
  await listMyItems(baseUrl, email, password);
}
