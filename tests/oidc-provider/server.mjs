// A real OpenID Connect provider (npm oidc-provider 9.13.3) for ip·Solis' portal sign-in tests.
//
// Started by scripts/test-services/oidc.sh, which reads the issuer URL from the file named by OIDC_READY_FILE.
// Environment: OIDC_MODULES (node_modules with oidc-provider), OIDC_PORT (0 = any free port), OIDC_READY_FILE,
// OIDC_CLIENT_ID, OIDC_CLIENT_SECRET.
//
// What it offers the tests:
// - one confidential client (authorization code + PKCE, client_secret_basic or _post) whose redirect URIs may be
//   any loopback address and port ending in /portal/auth/oidc/<provider>/callback: every test host has its own port;
// - a login page of our own (/interaction/<uid>) that checks the test accounts below and grants consent by itself;
// - RP-initiated logout (end_session_endpoint) with any loopback post-logout redirect URI;
// - POST /test/rotate-keys: a new signing key is generated and used from then on; the JWKS lists it first and the
//   previous keys after it, as a real provider does during a rollover;
// - deliberately broken id_tokens for a few accounts (see TAMPERED): the real flow runs (login, code, token
//   endpoint) and only the id_token in the token response is replaced by a crafted one, signed with the real key
//   unless the point is a wrong signature. This is how the negative tests get tokens the real provider would never
//   issue, through the real protocol, without a fake token endpoint.
import http from 'node:http';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';

const modules = process.env.OIDC_MODULES;
if (!modules) throw new Error('OIDC_MODULES must name the node_modules folder that holds oidc-provider');
const { default: Provider } = await import(pathToFileURL(join(modules, 'oidc-provider/lib/index.js')).href);
const jose = await import(pathToFileURL(join(modules, 'jose/dist/webapi/index.js')).href);

const clientId = process.env.OIDC_CLIENT_ID ?? 'ipsolis-tests';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'ipsolis-tests-secret-0123456789abcdef';
export const PASSWORD = 'Test-Passw0rd!';

// login -> claims. Every account signs in with PASSWORD.
const ACCOUNTS = {
  alice: { email: 'alice@example.com', name: 'Alice Adams' },
  bob: { email: 'bob@elsewhere.test', name: 'Bob Brown' },
  carol: { email: 'carol@example.com', name: 'Carol Clark' },
  dave: { email: 'dave@example.com', name: 'Dave <script>alert(1)</script> Davis' },
  'expired-token': { email: 'expired-token@example.com', name: 'Expired Token' },
  'wrong-signature': { email: 'wrong-signature@example.com', name: 'Wrong Signature' },
  'wrong-audience': { email: 'wrong-audience@example.com', name: 'Wrong Audience' },
  'wrong-nonce': { email: 'wrong-nonce@example.com', name: 'Wrong Nonce' },
  'wrong-issuer': { email: 'wrong-issuer@example.com', name: 'Wrong Issuer' },
  unsigned: { email: 'unsigned@example.com', name: 'Unsigned Token' },
};

// sub -> how its id_token is broken after the real provider issued it.
const TAMPERED = {
  'expired-token': (claims) => {
    const now = Math.floor(Date.now() / 1000);
    return { claims: { ...claims, iat: now - 7200, exp: now - 3600 } };
  },
  'wrong-signature': (claims) => ({ claims, key: 'attacker' }),
  'wrong-audience': (claims) => ({ claims: { ...claims, aud: 'some-other-client' } }),
  'wrong-nonce': (claims) => ({ claims: { ...claims, nonce: 'not-the-nonce-that-was-sent' } }),
  'wrong-issuer': (claims) => ({ claims: { ...claims, iss: 'https://issuer.invalid' } }),
  unsigned: (claims) => ({ claims, key: 'none' }),
};

async function newSigningKey() {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

let signingKeys = [await newSigningKey()];
const attackerKey = await newSigningKey();
const cookieKeys = [randomUUID(), randomUUID()];

const port = Number(process.env.OIDC_PORT ?? 0);
const server = http.createServer();
server.listen(port, '127.0.0.1');
await once(server, 'listening');
const issuer = `http://127.0.0.1:${server.address().port}`;

const isLoopback = (value, pathPattern) => {
  try {
    const url = new URL(value);
    return (url.hostname === '127.0.0.1' || url.hostname === 'localhost') && url.protocol === 'http:'
      && pathPattern.test(url.pathname) && !url.hash;
  } catch {
    return false;
  }
};

function createProvider() {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/portal/auth/oidc/test/callback'],
      post_logout_redirect_uris: ['http://127.0.0.1/portal/login'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: signingKeys },
    cookies: { keys: cookieKeys },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    // Scope-granted claims go into the id_token itself, as Entra ID and most providers do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The default page loads a web font from the internet, which the test machines cannot reach.
        async logoutSource(ctx, form) {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider sign-out</title></head>
<body><h1>Sign out of the test provider?</h1>${form}
<button id="logout" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></body></html>`;
        },
      },
    },
    async findAccount(ctx, sub) {
      const account = ACCOUNTS[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: account.email, email_verified: true, name: account.name, preferred_username: sub };
        },
      };
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  });
  provider.proxy = false;

  // Every test host listens on its own loopback port: accept the callback and sign-out pages on any of them.
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
    return isLoopback(value, /^\/portal\/auth\/oidc\/[a-z0-9_-]{1,40}\/callback$/);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(value) {
    return isLoopback(value, /^\/portal\/login$/);
  };

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.status !== 200 || !ctx.body?.id_token) return;
    const claims = jose.decodeJwt(ctx.body.id_token);
    const tamper = TAMPERED[claims.sub];
    if (!tamper) return;
    const { claims: forged, key = 'real' } = tamper(claims);
    if (key === 'none') {
      ctx.body = { ...ctx.body, id_token: new jose.UnsecuredJWT(forged).encode() };
      return;
    }
    // A wrong signature keeps the real key's kid: the relying party finds the key and must reject the signature.
    const kid = signingKeys[0].kid;
    const signWith = key === 'attacker' ? attackerKey : signingKeys[0];
    const privateKey = await jose.importJWK(signWith, 'RS256');
    const token = await new jose.SignJWT(forged).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey);
    ctx.body = { ...ctx.body, id_token: token };
  });
  return provider;
}

let provider = createProvider();

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function loginPage(uid, error) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider sign-in</title></head>
<body><h1>Test provider sign-in</h1>${error ? `<p id="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Login <input id="login" name="login" autocomplete="username" required></label>
<label>Password <input id="password" name="password" type="password" required></label>
<button id="submit" type="submit">Sign in</button></form></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  const { prompt, params, session } = details;

  if (prompt.name === 'login') {
    if (action !== 'login') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(uid));
      return;
    }
    const form = await readForm(req);
    const login = form.get('login') ?? '';
    if (!ACCOUNTS[login] || form.get('password') !== PASSWORD) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(uid, 'Wrong login or password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    return;
  }

  if (prompt.name === 'consent') {
    // A first-party client: consent is granted without asking, for exactly what was requested.
    const grant = details.grantId ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    if (prompt.details.missingResourceScopes) {
      for (const [indicator, scope] of Object.entries(prompt.details.missingResourceScopes)) grant.addResourceScope(indicator, scope.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }

  res.writeHead(400, { 'content-type': 'text/plain' });
  res.end(`unexpected prompt ${prompt.name}`);
}

server.on('request', async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const match = /^\/interaction\/([^/]+)(?:\/(login))?$/.exec(url.pathname);
    if (match) {
      await interaction(req, res, match[1], req.method === 'POST' ? match[2] : undefined);
      return;
    }
    if (url.pathname === '/test/rotate-keys' && req.method === 'POST') {
      signingKeys = [await newSigningKey(), ...signingKeys].slice(0, 3);
      provider = createProvider();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kid: signingKeys[0].kid }));
      return;
    }
    if (url.pathname === '/test/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer, kid: signingKeys[0].kid }));
      return;
    }
    provider.callback()(req, res);
  } catch (error) {
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error?.message ?? error));
    }
  }
});

if (process.env.OIDC_READY_FILE) writeFileSync(process.env.OIDC_READY_FILE, issuer);
console.log(`oidc-provider test server: issuer ${issuer}, client ${clientId}`);
