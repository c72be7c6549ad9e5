/** The benchmark's source identity: an IAM user's long-term keys, fake, local servers only. */
export const SOURCE_KEY = 'AKIAIOSFODNN7SOURCE1';
export const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSOURCEKEY1';
export const SOURCE_FILE = `# mine\n[source]\naws_access_key_id = ${SOURCE_KEY}\naws_secret_access_key = ${SOURCE_SECRET}\n`;
