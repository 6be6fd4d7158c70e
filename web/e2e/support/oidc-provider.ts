import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * An OpenID Connect provider of the smallest kind, on loopback, for single sign-on tests:
 * discovery, an authorization endpoint that signs in `user` at once (no login page) and
 * redirects back with a code, a token endpoint that checks the client's secret, the redirect
 * URI and the PKCE verifier and answers an RS256 ID token, its keys, and userinfo. It notes
 * every redirect URI it is sent to, to compare with the one registered.
 */
export type OidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The person the provider signs in. */
  user: { sub: string; email: string; name: string };
  /** The redirect_uri of every authorization request so far. */
  redirectUris: string[];
  stop(): Promise<void>;
};

type Grant = { redirectUri: string; challenge: string; nonce: string | null };

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');

export async function startOidcProvider(user: OidcProvider['user']): Promise<OidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'todo-test-client';
  const clientSecret = base64url(randomBytes(24));
  const grants = new Map<string, Grant>();
  const redirectUris: string[] = [];
  let issuer = '';

  const json = (response: import('node:http').ServerResponse, status: number, value: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(value));
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      redirectUris.push(redirectUri);
      if (url.searchParams.get('client_id') !== clientId) return json(response, 400, {});
      const code = base64url(randomBytes(16));
      grants.set(code, {
        redirectUri,
        challenge: url.searchParams.get('code_challenge') ?? '',
        nonce: url.searchParams.get('nonce'),
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { location: back.href });
      return response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const form = new URLSearchParams(await body(request));
      const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')];
      const grant = grants.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = base64url(createHash('sha256').update(verifier).digest());
      if (
        id !== clientId ||
        secret !== clientSecret ||
        !grant ||
        grant.redirectUri !== form.get('redirect_uri') ||
        grant.challenge !== challenge
      ) {
        return json(response, 400, { error: 'invalid_grant' });
      }
      grants.delete(form.get('code') ?? '');
      const idToken = await new SignJWT({
        email: user.email,
        email_verified: true,
        name: user.name,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setSubject(user.sub)
        .setAudience(clientId)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      return json(response, 200, {
        access_token: base64url(randomBytes(16)),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken,
      });
    }
    if (url.pathname === '/userinfo') {
      return json(response, 200, { sub: user.sub, email: user.email, name: user.name });
    }
    response.writeHead(404);
    response.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    user,
    redirectUris,
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
