/**
 * The operator sets and IR version of a fused model. Members may import different versions of a
 * domain (13 and 15 of the default domain, say); a fused model has one import per domain, so each
 * domain gets the highest version any member (or the glue) needs, and a member written for an older
 * version is accepted only when none of its operators changed meaning in between
 * (opset-changes.ts). Otherwise the export is refused, naming both members and both versions.
 */
import { StudioError } from '../../contract/errors';
import { allNodes, ML_DOMAIN, normalizeDomain, type ModelProto } from '../model/onnx-proto';
import { changedBetween, DEFAULT_DOMAIN_CHANGES, ML_DOMAIN_CHANGES } from './opset-changes';

export interface MemberModel {
  name: string;
  model: ModelProto;
}

export interface FusedOpsets {
  /** Domain ('' = default) → version to import. */
  opsets: Record<string, number>;
  irVersion: number;
}

/** Who asks for a domain's version: a member, or the glue the fused model adds. */
interface Requester {
  name: string;
  version: number;
}

/**
 * @param glue minimum versions the glue's own operators need, e.g. { '': 13, 'ai.onnx.ml': 2 }.
 */
export function reconcileOpsets(members: readonly MemberModel[], glue: Record<string, number>): FusedOpsets {
  const domains = new Set(Object.keys(glue).map(normalizeDomain));
  for (const { model } of members) for (const o of model.opsetImport) domains.add(normalizeDomain(o.domain));

  const opsets: Record<string, number> = {};
  for (const domain of domains) {
    const requesters: Requester[] = members.flatMap(({ name, model }) => {
      const entry = model.opsetImport.find((o) => normalizeDomain(o.domain) === domain);
      return entry ? [{ name: `member '${name}'`, version: Number(entry.version) }] : [];
    });
    const glueVersion = glue[domain];
    if (glueVersion !== undefined)
      requesters.push({ name: "the fused model's own operators", version: glueVersion });
    const highest = requesters.reduce((a, b) => (b.version > a.version ? b : a));
    for (const member of members) checkMember(member, domain, highest);
    opsets[domain] = highest.version;
  }
  const memberIr = Math.max(...members.map((m) => Number(m.model.irVersion)));
  return { opsets, irVersion: Math.max(memberIr, minimumIrVersion(opsets[''] ?? 13)) };
}

function checkMember({ name, model }: MemberModel, domain: string, target: Requester): void {
  const entry = model.opsetImport.find((o) => normalizeDomain(o.domain) === domain);
  if (!entry) return;
  const version = Number(entry.version);
  if (version === target.version) return;
  const table = domain === '' ? DEFAULT_DOMAIN_CHANGES : domain === ML_DOMAIN ? ML_DOMAIN_CHANGES : null;
  const domainText = domain === '' ? 'default-domain' : `'${domain}'`;
  for (const node of model.graph ? allNodes(model.graph) : []) {
    if (normalizeDomain(node.domain) !== domain) continue;
    // Domains without a table: any difference in version is a possible change of meaning.
    const changedAt = table ? changedBetween(table, node.opType, version, target.version) : target.version;
    if (changedAt === null) continue;
    throw new StudioError(
      'model',
      `cannot fuse member '${name}' (${domainText} opset ${version}) with ${target.name} (${domainText} opset ` +
        `${target.version}): '${name}' uses ${node.opType}, whose meaning changed at opset ${changedAt}. ` +
        `Re-export '${name}' at opset ${target.version}, or the other model at opset ${version}.`,
      { member: name },
    );
  }
}

/** The lowest IR version that may import this default-domain opset (ONNX's versioning table). */
function minimumIrVersion(opset: number): number {
  if (opset >= 21) return 10;
  if (opset >= 19) return 9;
  if (opset >= 15) return 8;
  return 7;
}
