import { describe, expect, it } from 'vitest';

import { profileExportLine } from '../../../electron/main/profile-export-line';

describe('profileExportLine', () => {
  it('is a POSIX export on macOS and Linux', () => {
    expect(profileExportLine('prod-admin', 'darwin')).toBe('export AWS_PROFILE=prod-admin');
    expect(profileExportLine('team/a@b+c.d:e%f', 'linux')).toBe(
      'export AWS_PROFILE=team/a@b+c.d:e%f',
    );
  });

  it('quotes anything outside the safe profile characters', () => {
    expect(profileExportLine("it's $(rm -rf)", 'linux')).toBe(
      `export AWS_PROFILE='it'\\''s $(rm -rf)'`,
    );
  });

  it('is a PowerShell assignment on Windows', () => {
    expect(profileExportLine('prod-admin', 'win32')).toBe("$env:AWS_PROFILE = 'prod-admin'");
    expect(profileExportLine("o'neil", 'win32')).toBe("$env:AWS_PROFILE = 'o''neil'");
  });
});
