// Sign-in with @azure/msal-node (Node only; msal-node is an optional peer dependency)
export { msalTokenSource } from './msal-token-source.js';
export type { MsalSignIn, MsalSilentSignIn, MsalOnBehalfOfSignIn, MsalDeviceCodeSignIn, DeviceCodeResponse } from './msal-token-source.js';
