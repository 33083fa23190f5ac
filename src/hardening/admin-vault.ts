/**
 * A Vault or OpenBao dev server: in memory, unsealed, with the root token its variable names.
 * The images' default command (`server -dev`) is taken to start dev mode; an entrypoint override is not read.
 */
import type { EnvVar } from '../model/project.js';
import type { OpenInterface } from './admin-auth.js';
import { envValueAt, knownValue, type CommandWordAt } from './values.js';

const PRODUCTS = new Map([
  ['hashicorp/vault', ['Vault', 'VAULT_DEV_ROOT_TOKEN_ID']], ['vault', ['Vault', 'VAULT_DEV_ROOT_TOKEN_ID']], ['openbao/openbao', ['OpenBao', 'BAO_DEV_ROOT_TOKEN_ID']],
]);

export function vaultDevOpen(env: Map<string, EnvVar>, command: CommandWordAt[], entrypoint: boolean, repo: string | undefined): OpenInterface[] {
  const [product, name] = PRODUCTS.get(repo ?? '') ?? [];
  if (!product || !name || entrypoint) return [];
  const token = env.get(name);
  if (!knownValue(token) || token.value === '') return [];
  if (command.length > 0 && !command.some((w) => w.word === '-dev' || w.word === '--dev' || w.word === '-dev=true')) return [];
  return [{
    product, // The token is a secret: the message names the variable, never its value.
    setting: `dev server${command.length > 0 ? '' : ' (the image\'s default command)'} with ${name} written in the file`, port: 8200, at: envValueAt(token),
    can: 'read and write every secret with the root token it names, in a server that is unsealed and keeps nothing on disk', errorWhenPublished: true,
    remedy: `run a server with a config file (storage, listener with TLS) that is initialised and unsealed, and keep ${name} for local development only`,
  }];
}
