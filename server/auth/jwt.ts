import { createRemoteJWKSet, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from './errors.ts';
import { isRole, type Role } from './roles.ts';

/** How bearer JWTs are verified: HS256 with a shared secret, or RS/ES keys from a JWKS URL. */
export interface JwtConfig {
  /** HS256 secret (JWT_SECRET or the embedded secret file). Also signs the tokens `login` issues. */
  secret: string;
  /** When set, tokens not signed with `secret` are verified against this key set. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Lifetime of tokens issued by `login` (default 12 h). */
  ttlSeconds?: number;
}

export interface VerifiedClaims {
  sub: string;
  role: Role;
  email: string | null;
  /** The session came from a one-time login link (claim `amr: ["link"]`, RFC 8176 style). */
  viaLoginLink: boolean;
  /** The token's `exp` (verification only; `sign` sets its own from the configured lifetime). */
  expiresAt?: Date | null;
}

/** The `amr` (authentication methods) value of a session opened with a one-time login link. */
export const LOGIN_LINK_AMR = 'link';

export interface JwtCodec {
  /** @throws UnauthenticatedError for a bad signature, an expired token or missing/unknown claims. */
  verify(token: string): Promise<VerifiedClaims>;
  sign(claims: VerifiedClaims): Promise<{ token: string; expiresAt: Date }>;
}

/** HS256 signing and verification (and JWKS verification when configured) with jose. */
export function createJwtCodec(config: JwtConfig): JwtCodec {
  if (config.secret.length < 32) throw new Error('The JWT secret must be at least 32 characters');
  const key = new TextEncoder().encode(config.secret);
  const jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : null;
  const ttl = config.ttlSeconds ?? 12 * 3600;
  const expected = {
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };
  const claimsOf = (payload: JWTPayload): VerifiedClaims => {
    if (typeof payload.sub !== 'string' || payload.sub === '')
      throw new UnauthenticatedError('Token has no sub');
    if (!isRole(payload.role)) throw new UnauthenticatedError('Token has no known role');
    return {
      sub: payload.sub,
      role: payload.role,
      email: typeof payload.email === 'string' ? payload.email : null,
      viaLoginLink: Array.isArray(payload.amr) && payload.amr.includes(LOGIN_LINK_AMR),
      expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null,
    };
  };
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], ...expected });
        return claimsOf(payload);
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        if (!jwks) throw new UnauthenticatedError('Invalid or expired token', { cause: error });
      }
      try {
        const { payload } = await jwtVerify(token, jwks, expected);
        return claimsOf(payload);
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        throw new UnauthenticatedError('Invalid or expired token', { cause: error });
      }
    },
    async sign(claims) {
      const expiresAt = new Date(Date.now() + ttl * 1000);
      let jwt = new SignJWT({
        role: claims.role,
        ...(claims.email ? { email: claims.email } : {}),
        ...(claims.viaLoginLink ? { amr: [LOGIN_LINK_AMR] } : {}),
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000));
      if (config.issuer) jwt = jwt.setIssuer(config.issuer);
      if (config.audience) jwt = jwt.setAudience(config.audience);
      return { token: await jwt.sign(key), expiresAt };
    },
  };
}
