/** The value forms of docker-compose fields: ports, environment, command lines. */
import type { Json } from '../patch/model';
import { isJsonObject, type JsonObject } from './merge';

export interface PortSpec {
  published?: number;
  target: number;
  protocol: string;
}

/** The `services:` of a compose document, or a readable error when it is not one. */
export function composeServices(doc: Json): Record<string, JsonObject> {
  if (!isJsonObject(doc) || !isJsonObject(doc['services']))
    throw new Error('Not a docker-compose file: it has no services: mapping.');
  return Object.fromEntries(Object.entries(doc['services']).filter((e): e is [string, JsonObject] => isJsonObject(e[1])));
}

/** "8080:80", "80", "127.0.0.1:8080:80/udp", 80, or the long form {target, published, protocol}. */
export function port(value: Json): PortSpec | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? { target: value, protocol: 'TCP' } : undefined;
  if (isJsonObject(value) && typeof value['target'] === 'number') {
    const published = Number(value['published']);
    return {
      target: value['target'],
      ...(Number.isInteger(published) && published > 0 ? { published } : {}),
      protocol: String(value['protocol'] ?? 'tcp').toUpperCase(),
    };
  }
  if (typeof value !== 'string') return undefined;
  const [spec, proto = 'tcp'] = value.split('/');
  const parts = spec!.split(':');
  // A range ("3000-3005") takes its first port.
  const target = Number(parts[parts.length - 1]!.split('-')[0]);
  const published = parts.length > 1 ? Number(parts[parts.length - 2]!.split('-')[0]) : undefined;
  if (!Number.isInteger(target) || target < 1 || target > 65535) return undefined;
  return { target, ...(published && Number.isInteger(published) ? { published } : {}), protocol: proto.toUpperCase() };
}

export function environment(value: Json | undefined): { name: string; value: string }[] {
  if (Array.isArray(value))
    return value.flatMap((e) => {
      if (typeof e !== 'string') return [];
      const i = e.indexOf('=');
      return [{ name: i < 0 ? e : e.slice(0, i), value: i < 0 ? '' : e.slice(i + 1) }];
    });
  if (isJsonObject(value)) return Object.entries(value).map(([name, v]) => ({ name, value: v === null ? '' : String(v) }));
  return [];
}

/** A compose command line as words: a list as it is, a string split as a shell would (quotes kept together). */
export function shellWords(value: Json | undefined): string[] | undefined {
  if (Array.isArray(value)) return value.map((v) => String(v));
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < value.length) word = (word ?? '') + value[++i];
      else word = (word ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word = word ?? '';
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === '\\' && i + 1 < value.length) word = (word ?? '') + value[++i];
    else word = (word ?? '') + ch;
  }
  if (word !== undefined) words.push(word);
  return words;
}
