// Signs in (with a second step when the account has one), creates an item (safe to retry: an Idempotency-Key), renames it without overwriting anyone else's edit
// (If-Match with the ETag it read), and lists the caller's items through the generated client, refreshing the session
// when the access token is refused. CI type-checks this
// file (build/generate-client.sh, then `npm run typecheck`), so an API change that breaks clients fails the build.
import { createClient } from './src/client/client';
import { createItem, getItem, listItems, loginAccessToken, updateItem, type ItemPublic } from './src/client';

export async function listMyItems(baseUrl: string, email: string, password: string, askForCode: () => Promise<string>): Promise<ItemPublic[]> {
  const anonymous = createClient({ baseUrl });
  let token = await signIn(anonymous, email, password, askForCode);

  const api = createClient({ baseUrl, auth: () => token.access_token });
  // An access token that stops working (expired, or its session revoked) answers 401: trade the refresh token for a
  // new pair once, and try again. The refresh token is spent by that: keep the new one.
  const refreshed = async <T>(call: () => Promise<{ data?: T; response: Response }>): Promise<T> => {
    let result = await call();
    if (result.response.status === 401 && token.refresh_token) {
      ({ data: token } = await loginAccessToken({
        client: anonymous,
        body: { grant_type: 'refresh_token', refresh_token: token.refresh_token },
        throwOnError: true,
      }));
      result = await call();
    }

    if (result.data === undefined) {
      throw new Error(`the API answered ${result.response.status}`);
    }

    return result.data;
  };
  // Sent again after a timeout with the same key, this answers the first item instead of creating a second.
  const { data: created, response } = await createItem({
    client: api,
    headers: { 'Idempotency-Key': crypto.randomUUID() },
    body: { title: 'Written by the TypeScript client', description: null },
    throwOnError: true,
  });
  await renameItem(api, created.id, 'Renamed by the TypeScript client', response.headers.get('ETag') ?? `"${created.version}"`);
  const page = await refreshed(() => listItems({ client: api, query: { skip: 0, limit: 100 } }));
  console.log(`${page.count} items; newest: ${page.data[0]?.title ?? '(none)'}`);
  return page.data;
}

// The password grant; an account with two-step sign-in answers it 401 mfa_required with an mfa_token instead of a
// session, and a code from the user's authenticator app (or one of their recovery codes, grant_type mfa_recovery_code)
// completes it.
async function signIn(anonymous: ReturnType<typeof createClient>, email: string, password: string, askForCode: () => Promise<string>) {
  const { data, error, response } = await loginAccessToken({ client: anonymous, body: { username: email, password } });
  if (data) {
    return data;
  }

  const refusal = error as { error?: string; mfa_token?: string } | undefined;
  if (response.status !== 401 || refusal?.error !== 'mfa_required' || !refusal.mfa_token) {
    throw new Error(`signing in answered ${response.status}`);
  }

  const { data: token } = await loginAccessToken({
    client: anonymous,
    body: { grant_type: 'mfa_otp', mfa_token: refusal.mfa_token, otp: await askForCode() },
    throwOnError: true,
  });
  return token;
}

// An edit based on the version read (its ETag): if someone changed the item since, the API answers 412 and changes
// nothing; read it again and reapply the edit to what is there now.
async function renameItem(api: ReturnType<typeof createClient>, id: string, title: string, etag: string): Promise<ItemPublic> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { data, response } = await updateItem({ client: api, path: { id }, headers: { 'If-Match': etag }, body: { title } });
    if (data) {
      return data;
    }

    if (response.status !== 412) {
      throw new Error(`renaming ${id} answered ${response.status}`);
    }

    const current = await getItem({ client: api, path: { id }, throwOnError: true });
    etag = current.response.headers.get('ETag') ?? `"${current.data.version}"`;
  }

  throw new Error(`${id} kept changing under the rename`);
}

// Run directly: node --experimental-strip-types example.ts http://localhost:8000 admin@example.com changethis
const [baseUrl, email, password] = process.argv.slice(2);
if (baseUrl && email && password) {
  const askForCode = async () => {
    const { createInterface } = await import('node:readline/promises');
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const code = await prompt.question('Code from your authenticator app: ');
    prompt.close();
    return code.trim();
  };
  await listMyItems(baseUrl, email, password, askForCode);
}
