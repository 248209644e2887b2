// @ts-check
/**
 * Local ESLint rule `local/import-boundaries`: keeps relative imports inside the folders a zone may
 * reach (VS Code's `code-layering` rule, reduced to what this repo needs).
 *
 * Why a rule and not `no-restricted-imports`: that rule matches the import *text*, and
 * `../main/session/session` means different folders from different files. This rule resolves every
 * relative specifier against the importing file and compares repo-relative paths with the zone's
 * `allow` / `deny` prefixes. Bare specifiers ('electron', 'node:fs', 'react') stay with the core
 * rule in eslint.config.js.
 *
 * It sees static imports, `export ... from`, `import()` and `require()` with a string literal,
 * `import x = require()` and `import('...')` types.
 *
 * Options (one object):
 *   root     absolute path of the repository (paths are compared relative to it)
 *   zone     a name for messages, e.g. "renderer/"
 *   allow    repo-relative prefixes this zone may import from ("main/patch/", "preload/");
 *            a prefix without a trailing slash is a single file, compared without its extension
 *   deny     prefixes refused even when an `allow` prefix covers them ("preload/preload")
 *   hint     one sentence appended to the message: where to go instead
 */
import path from 'node:path';

const SOURCE_EXT = /\.(?:[cm]?[jt]sx?|json)$/;

/** @param {string} p a repo-relative posix path */
function normalise(p) {
  return p.replace(SOURCE_EXT, '').replace(/\/index$/, '');
}

/**
 * True when `target` (repo-relative, extension stripped) lies under `prefix`.
 * @param {string} target
 * @param {string} prefix
 */
function covers(target, prefix) {
  if (prefix.endsWith('/')) return target === prefix.slice(0, -1) || target.startsWith(prefix);
  return target === normalise(prefix);
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports may only reach the folders their process boundary allows.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          zone: { type: 'string' },
          allow: { type: 'array', items: { type: 'string' } },
          deny: { type: 'array', items: { type: 'string' } },
          hint: { type: 'string' },
        },
        required: ['root', 'zone', 'allow'],
        additionalProperties: false,
      },
    ],
    messages: {
      outside: '{{zone}} may not import "{{source}}" ({{target}}): it may reach only {{allowed}}.{{hint}}',
      denied: '{{zone}} may not import "{{source}}" ({{target}}).{{hint}}',
      escapes: '"{{source}}" leaves the repository.',
    },
  },

  create(context) {
    const options = /** @type {{ root: string; zone: string; allow: string[]; deny?: string[]; hint?: string }} */ (
      context.options[0]
    );
    const root = path.resolve(options.root);
    const fileDir = path.dirname(path.resolve(context.cwd, context.filename));
    const hint = options.hint ? ` ${options.hint}` : '';

    /**
     * @param {import('estree').Node} node
     * @param {unknown} source
     */
    function check(node, source) {
      if (
        typeof source !== 'string' ||
        !(source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..')
      )
        return;
      const absolute = path.resolve(fileDir, source);
      const relative = path.relative(root, absolute).split(path.sep).join('/');
      if (relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) {
        context.report({ node, messageId: 'escapes', data: { source } });
        return;
      }
      const target = normalise(relative);
      const data = { zone: options.zone, source, target: relative, allowed: options.allow.join(', '), hint };
      if ((options.deny ?? []).some((prefix) => covers(target, prefix))) {
        context.report({ node, messageId: 'denied', data });
        return;
      }
      if (!options.allow.some((prefix) => covers(target, prefix))) context.report({ node, messageId: 'outside', data });
    }

    /** @param {any} node */
    const fromSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };

    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
        else if (node.source.type === 'TemplateLiteral' && node.source.expressions.length === 0)
          check(node.source, node.source.quasis[0]?.value.cooked);
      },
      CallExpression(node) {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal')
          check(first, first.value);
      },
      /** @param {any} node `import x = require('...')` */
      TSExternalModuleReference(node) {
        if (node.expression?.type === 'Literal') check(node.expression, node.expression.value);
      },
      /** @param {any} node `type T = import('...').X` */
      TSImportType(node) {
        // typescript-eslint 8.x has `source`; older versions wrap the string in `argument`.
        const literal =
          'source' in node ? node.source : node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
    };
  },
};

/** The local plugin, registered as `local` in eslint.config.js. */
export default {
  meta: { name: 'k8s-synth-local' },
  rules: { 'import-boundaries': rule },
};
