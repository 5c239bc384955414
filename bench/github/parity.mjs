#!/usr/bin/env node
// Parity of the github adapter with github-mcp-server: reads the peer's tool snapshots (pkg/github/__toolsnaps__,
// kept outside the project) and ours (src/test/resources/__toolsnaps__/github, the contract snapshots of what we
// serve) and reports, per peer toolset, how many visible peer tools we serve, which are missing, and each schema
// mismatch: a peer parameter absent or of an incompatible type, an enum narrowed, a parameter we require that the
// peer leaves optional, null refused where the peer takes it.
// Usage: node bench/github/parity.mjs [peer snapshot dir, default ../shared/peers/github-mcp-server-snaps]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const peerDir = resolve(process.argv[2] ?? join(root, '../shared/peers/github-mcp-server-snaps'));
const oursDir = join(root, 'src/test/resources/__toolsnaps__/github');

// The snapshots do not carry the toolset; this is the peer's grouping of the visible tools, checked against its
// source at v1.10.1 (the toolset each tool's constructor names in pkg/github/*.go). get_label is registered in both
// issues and labels; assign_copilot_to_issue_with_intent is in the opt-in copilot_issue_intents, not in copilot.
const PEER_TOOLSETS = {
  context: ['get_me', 'get_teams', 'get_team_members'],
  copilot: ['assign_copilot_to_issue', 'request_copilot_review'],
  copilot_issue_intents: ['assign_copilot_to_issue_with_intent'],
  repos: ['create_branch', 'create_or_update_file', 'create_repository', 'delete_file', 'delete_repository',
    'fork_repository', 'get_commit', 'get_file_contents', 'get_latest_release', 'get_release_by_tag', 'get_tag',
    'list_branches', 'list_commits', 'list_releases', 'list_repository_collaborators', 'list_tags', 'push_files',
    'search_code', 'search_commits', 'search_repositories'],
  git: ['get_repository_tree'],
  issues: ['add_issue_comment', 'get_label', 'issue_read', 'issue_write', 'list_issue_fields', 'list_issue_types',
    'list_issues', 'search_issues', 'sub_issue_write'],
  pull_requests: ['add_comment_to_pending_review', 'add_reply_to_pull_request_comment', 'create_pull_request',
    'list_pull_requests', 'merge_pull_request', 'pull_request_read', 'pull_request_review_write',
    'search_pull_requests', 'update_pull_request', 'update_pull_request_branch'],
  users: ['search_users'],
  orgs: ['search_orgs'],
  actions: ['actions_get', 'actions_list', 'actions_run_trigger', 'get_job_logs'],
  notifications: ['dismiss_notification', 'get_notification_details', 'list_notifications',
    'manage_notification_subscription', 'manage_repository_notification_subscription', 'mark_all_notifications_read'],
  labels: ['get_label', 'label_write', 'list_label'],
  stargazers: ['list_starred_repositories', 'star_repository', 'unstar_repository'],
  gists: ['create_gist', 'get_gist', 'list_gists', 'update_gist'],
  discussions: ['discussion_comment_write', 'get_discussion', 'get_discussion_comments', 'list_discussion_categories',
    'list_discussions'],
  projects: ['projects_get', 'projects_list', 'projects_write'],
  code_quality: ['get_code_quality_finding'],
  code_security: ['get_code_scanning_alert', 'list_code_scanning_alerts'],
  secret_protection: ['get_secret_scanning_alert', 'list_secret_scanning_alerts'],
  dependabot: ['get_dependabot_alert', 'list_dependabot_alerts'],
  security_advisories: ['get_global_security_advisory', 'list_global_security_advisories',
    'list_org_repository_security_advisories', 'list_repository_security_advisories'],
};
const PEER_DEFAULT = ['context', 'copilot', 'repos', 'issues', 'pull_requests', 'users'];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const visible = readFileSync(join(peerDir, 'visible.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
const peer = new Map(visible.map((name) => [name, readJson(join(peerDir, `${name}.snap`))]));
const ours = new Map(readdirSync(oursDir).filter((f) => f.endsWith('.json'))
  .map((f) => [f.slice(0, -5), readJson(join(oursDir, f))]));

const types = (schema) => {
  const t = schema?.type;
  const list = t === undefined ? [] : Array.isArray(t) ? t : [t];
  for (const alt of [...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])]) list.push(...types(alt));
  return new Set(list);
};
// Ours accepts every value of the peer's type: equal, or a wider type (number takes integer); no type = anything.
const accepts = (ourTypes, peerType) => ourTypes.size === 0 || ourTypes.has(peerType)
  || (peerType === 'integer' && ourTypes.has('number'));

function compareSchema(path, peerSchema, ourSchema, problems) {
  const ourTypes = types(ourSchema);
  for (const t of types(peerSchema)) {
    if (!accepts(ourTypes, t)) {
      problems.push(t === 'null' ? `${path}: null refused (peer takes it)` : `${path}: type ${[...ourTypes].join('|')} where peer takes ${t}`);
    }
  }
  if (ourSchema?.enum) {
    if (!peerSchema?.enum) problems.push(`${path}: enum here, free ${[...types(peerSchema)].join('|')} in peer`);
    else {
      const missing = peerSchema.enum.filter((v) => !ourSchema.enum.includes(v));
      if (missing.length) problems.push(`${path}: enum narrowed, lacks ${missing.join(', ')}`);
    }
  }
  if (peerSchema?.items && ourSchema?.items) compareSchema(`${path}[]`, peerSchema.items, ourSchema.items, problems);
  if (peerSchema?.properties) compareObject(path, peerSchema, ourSchema ?? {}, problems);
}

function compareObject(path, peerSchema, ourSchema, problems) {
  const prefix = path ? `${path}.` : '';
  const ourProps = ourSchema.properties ?? {};
  for (const [name, p] of Object.entries(peerSchema.properties ?? {})) {
    if (!(name in ourProps)) {
      if (ourSchema.additionalProperties !== true || Object.keys(ourProps).length) problems.push(`${prefix}${name}: missing`);
      continue;
    }
    compareSchema(`${prefix}${name}`, p, ourProps[name], problems);
  }
  const peerRequired = new Set(peerSchema.required ?? []);
  for (const name of ourSchema.required ?? []) {
    if (!peerRequired.has(name)) problems.push(`${prefix}${name}: required here, optional in peer`);
  }
}

const inToolset = new Map();
for (const [set, tools] of Object.entries(PEER_TOOLSETS)) for (const t of tools) inToolset.set(t, set);
const unmapped = visible.filter((t) => !inToolset.has(t));

let totalServed = 0, totalMismatches = 0, toolsWithMismatch = 0;
const rows = [], details = [];
for (const [set, tools] of Object.entries(PEER_TOOLSETS)) {
  const visibleHere = tools.filter((t) => peer.has(t));
  const served = visibleHere.filter((t) => ours.has(t));
  const missing = visibleHere.filter((t) => !ours.has(t));
  let mismatches = 0;
  for (const t of served) {
    const problems = [];
    compareObject('', peer.get(t).inputSchema ?? {}, ours.get(t).inputSchema ?? {}, problems);
    if (problems.length && inToolset.get(t) === set) { // a tool in two toolsets is counted once, in its last
      toolsWithMismatch++; totalMismatches += problems.length;
      details.push(`  ${t}: ${problems.join('; ')}`);
    }
    if (problems.length) mismatches += problems.length;
  }
  totalServed += served.filter((t) => inToolset.get(t) === set).length;
  rows.push({ set, visible: visibleHere.length, served: served.length, missing, mismatches });
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`peer: ${peerDir} (${visible.length} visible tools)`);
console.log(`ours: ${oursDir} (${ours.size} tools)`);
console.log(`${pad('toolset', 22)}${pad('served', 10)}${pad('mismatches', 12)}missing`);
for (const r of rows) {
  console.log(`${pad(r.set + (PEER_DEFAULT.includes(r.set) ? '*' : ''), 22)}${pad(`${r.served}/${r.visible}`, 10)}${pad(r.mismatches, 12)}${r.missing.join(' ')}`);
}
const defaultTools = new Set(PEER_DEFAULT.flatMap((s) => PEER_TOOLSETS[s]).filter((t) => peer.has(t)));
console.log(`(* = peer default toolset: ${defaultTools.size} tools, of which we serve ${[...defaultTools].filter((t) => ours.has(t)).length})`);
console.log(`TOTAL served ${totalServed}/${visible.length}; ${totalMismatches} schema mismatches in ${toolsWithMismatch} tools`);
if (unmapped.length) console.log(`visible tools in no toolset of this script: ${unmapped.join(' ')}`);
const extra = [...ours.keys()].filter((t) => !peer.has(t));
if (extra.length) console.log(`served by us, not visible in peer: ${extra.join(' ')}`);
console.log('mismatches:');
console.log(details.join('\n') || '  none');
