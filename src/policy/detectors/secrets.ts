import { regexSpans, type Span } from './span';

// Credential formats with a recognisable prefix; every pattern is linear (no nested repetition).
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}\b/g, // AWS access key id
  /\baws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}\b/gi, // AWS secret key in config
  /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g, // GitHub fine-grained token
  /\bglpat-[A-Za-z0-9_-]{20,}/g, // GitLab personal access token
  /\bxox[abprse]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g, // Slack webhook
  /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/g, // PEM, OpenSSH, PGP private keys
  /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, // Google API key
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/g, // JSON Web Token
  /\b[rs]k_live_[A-Za-z0-9]{16,}/g, // Stripe live keys
  /\bnpm_[A-Za-z0-9]{36}\b/g, // npm token
];

/** API keys, access tokens and private keys. */
export function findSecrets(text: string): Span[] {
  return SECRET_PATTERNS.flatMap((pattern) => regexSpans(pattern, text));
}
