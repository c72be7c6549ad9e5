import { afterEach, describe, expect, it } from 'vitest';

import { sourceProfileNames } from '../../../electron/core/catalog/source-profile-names';
import { createTempAwsHome, type TempAwsHome } from '../../support/temp-aws-home';

let home: TempAwsHome | undefined;
afterEach(() => home?.cleanup());

describe('sourceProfileNames', () => {
  it('lists the profiles of both files, saying where each is, without the ones roles write', async () => {
    home = createTempAwsHome({
      credentials:
        '[default]\naws_access_key_id = AKIAEXAMPLE\n[work]\naws_access_key_id = AKIAEXAMPLE2\n[prod-switchyard]\naws_access_key_id = ASIAEXAMPLE\n',
      config:
        '[default]\nregion = eu-west-1\n[profile sso-dev]\nsso_session = corp\n[sso-session corp]\nsso_region = eu-west-1\n',
    });
    expect(await sourceProfileNames(home.env, new Set(['prod-switchyard']))).toEqual([
      { name: 'default', where: 'both' },
      { name: 'sso-dev', where: 'config' },
      { name: 'work', where: 'credentials' },
    ]);
  });

  it('suggests nothing, and fails nothing, when the files are missing', async () => {
    home = createTempAwsHome({});
    expect(await sourceProfileNames(home.env, new Set())).toEqual([]);
  });
});
