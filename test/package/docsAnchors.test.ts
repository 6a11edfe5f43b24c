/**
 * Every node's documentation link (its description's documentationUrl and its codex's primary
 * documentation) that points into this repository's README lands on an anchor the README has: a
 * heading (GitHub's slug) or an explicit `<a id>` / `<a name>` (GitHub keeps it as `user-content-…`
 * and scrolls to it for `#…`).
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const REPO = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** GitHub's heading slug: lower case, punctuation dropped (hyphens and underscores kept), spaces → hyphens; repeats get -1, -2 … */
function headingSlugs(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const slugs = new Set<string>();
  for (const [, text] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = text!.replace(/<[^>]+>/g, '').toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n ? `${base}-${n}` : base);
  }
  return slugs;
}

/** Anchors a link into the README can land on. */
function readmeAnchors(markdown: string): Set<string> {
  const explicit = [...markdown.matchAll(/<a\s+(?:[^>]*\s)?(?:id|name)="([^"]+)"/g)].map((m) => m[1]!);
  return new Set([...headingSlugs(markdown), ...explicit]);
}

/** Each node's documentation links: the class description's documentationUrl and the codex's primaryDocumentation. */
async function nodeDocLinks(): Promise<{ node: string; url: string }[]> {
  const links: { node: string; url: string }[] = [];
  for (const built of pkg.n8n.nodes) {
    const source = built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    const name = posix.basename(posix.dirname(source));
    const mod = (await import(join(ROOT, source))) as Record<string, new () => { description: { documentationUrl?: string } }>;
    const { documentationUrl } = new mod[name]!().description;
    if (documentationUrl) links.push({ node: name, url: documentationUrl });
    const codex = JSON.parse(readFileSync(join(ROOT, source.replace(/\.ts$/, '.json')), 'utf8')) as { resources?: { primaryDocumentation?: { url: string }[] } };
    for (const d of codex.resources?.primaryDocumentation ?? []) links.push({ node: `${name} (codex)`, url: d.url });
  }
  return links;
}

/** Each credential type's documentationUrl. */
async function credentialDocLinks(): Promise<{ node: string; url: string }[]> {
  const links: { node: string; url: string }[] = [];
  for (const built of pkg.n8n.credentials) {
    const source = built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    const name = posix.basename(source).replace(/\.credentials\.ts$/, '');
    const mod = (await import(join(ROOT, source))) as Record<string, new () => { documentationUrl?: string }>;
    const { documentationUrl } = new mod[name]!();
    if (documentationUrl) links.push({ node: `${name} (credential)`, url: documentationUrl });
  }
  return links;
}

describe("nodes' documentation links", () => {
  it('the README anchor finder sees headings and explicit anchors, and not text that merely looks like one', () => {
    const anchors = readmeAnchors('# Two Commands (`a`)\n## Two commands (`a`)\n| <a id="consent-gate"></a>**Consent Gate** |\nconsent-gate-2 in prose\n');
    expect([...anchors].sort()).toEqual(['consent-gate', 'two-commands-a', 'two-commands-a-1']);
  });

  it("every node's documentationUrl and codex documentation point to an anchor README.md has", async () => {
    const links = await nodeDocLinks();
    expect(links.filter((l) => !l.node.endsWith('(codex)')).length).toBe(pkg.n8n.nodes.length);
    links.push(...(await credentialDocLinks()));
    const anchors = readmeAnchors(readme);
    const intoReadme = links.filter((l) => l.url.startsWith(`${REPO}#`));
    expect(intoReadme.length).toBeGreaterThanOrEqual(pkg.n8n.nodes.length);
    const missing = intoReadme.filter((l) => !anchors.has(l.url.slice(l.url.indexOf('#') + 1))).map((l) => `${l.node}: ${l.url}`);
    expect(missing).toEqual([]);
  });
});
