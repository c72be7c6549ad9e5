/** What fills the popup below the MFA prompts. */
export type View =
  | { readonly kind: 'list' }
  | { readonly kind: 'add' }
  | { readonly kind: 'edit'; readonly roleId: string }
  | { readonly kind: 'import' }
  | { readonly kind: 'settings' }
  | { readonly kind: 'activity' }
  | { readonly kind: 'identity-center' }
  | { readonly kind: 'catalogs' }
  | { readonly kind: 'account'; readonly accountId: string };

export const LIST_VIEW: View = { kind: 'list' };
