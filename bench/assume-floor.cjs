'use strict';
// The floor of row 1: the least a Node program must do for what `switchyard
// assume` does with plain source keys — read the keys (credentials file,
// environment or container endpoint) and the region, sign one AssumeRole, POST
// it, write the profile durably (temp file, fsync, rename, fsync of the folder).
// No validation, no lock, no checks of what else is in the file, no code
// cache: what is left of a cold `assume` once Switchyard's own care is taken
// away. Run directly by Node (no bundle, no TypeScript), like bin/switchyard.
//   usage: node assume-floor.cjs <role-arn> <profile>
const { createHash, createHmac } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const { dirname, join } = require('node:path');
const { homedir } = require('node:os');

const [roleArn, profile] = process.argv.slice(2);
const env = process.env;
const credentialsPath = env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials');
const configPath = env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config');

function readText(path) {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** One section's `key = value` lines (enough for the bench's files). */
function section(text, name) {
  const values = {};
  let inside = false;
  for (const line of text.split('\n')) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) inside = header[1].trim() === name;
    else if (inside) {
      const pair = /^\s*([\w.]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (pair) values[pair[1]] = pair[2];
    }
  }
  return values;
}

function get(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

async function sourceKeys() {
  if (env.AWS_ACCESS_KEY_ID) {
    return { id: env.AWS_ACCESS_KEY_ID, secret: env.AWS_SECRET_ACCESS_KEY };
  }
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    const answer = JSON.parse(
      await get(env.AWS_CONTAINER_CREDENTIALS_FULL_URI, {
        Authorization: env.AWS_CONTAINER_AUTHORIZATION_TOKEN,
      }),
    );
    return { id: answer.AccessKeyId, secret: answer.SecretAccessKey, token: answer.Token };
  }
  const keys = section(readText(credentialsPath), 'default');
  return { id: keys.aws_access_key_id, secret: keys.aws_secret_access_key };
}

const hmac = (key, text) => createHmac('sha256', key).update(text, 'utf8').digest();
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

function signedHeaders(url, body, region, keys) {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: url.host,
    'x-amz-date': amzDate,
    ...(keys.token ? { 'x-amz-security-token': keys.token } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    url.pathname || '/',
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    sha256(body),
  ].join('\n');
  const scope = `${day}/${region}/sts/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = [day, region, 'sts', 'aws4_request'].reduce(hmac, `AWS4${keys.secret}`);
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${keys.id}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(text))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function writeProfile(values) {
  const text = readText(credentialsPath);
  const lines = Object.entries(values).map(([k, v]) => `${k} = ${v}`);
  const block = `[${profile}]\n${lines.join('\n')}\n`;
  const start = text.indexOf(`[${profile}]`);
  let next;
  if (start < 0) next = `${text}${text && !text.endsWith('\n') ? '\n' : ''}${block}`;
  else {
    const end = text.indexOf('\n[', start + 1);
    next = text.slice(0, start) + block + (end < 0 ? '' : text.slice(end + 1));
  }
  const temp = `${credentialsPath}.floor-${process.pid}`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  fs.writeSync(fd, next);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(temp, credentialsPath);
  const folder = fs.openSync(dirname(credentialsPath), 'r');
  fs.fsyncSync(folder);
  fs.closeSync(folder);
}

async function main() {
  const region = env.AWS_REGION || section(readText(configPath), 'default').region || 'us-east-1';
  const keys = await sourceKeys();
  const url = new URL(env.AWS_ENDPOINT_URL_STS || `https://sts.${region}.amazonaws.com`);
  const body = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: 'floor',
    DurationSeconds: '3600',
  }).toString();
  const xml = await post(url, signedHeaders(url, body, region, keys), body);
  const field = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)[1];
  writeProfile({
    aws_access_key_id: field('AccessKeyId'),
    aws_secret_access_key: field('SecretAccessKey'),
    aws_session_token: field('SessionToken'),
  });
  process.stdout.write(`profile ${profile} written\n`);
}

main().catch((error) => {
  process.stderr.write(`assume-floor: ${error.message}\n`);
  process.exitCode = 1;
});
