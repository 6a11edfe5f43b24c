/**
 * Serves plain test credentials to n8n-core (no encryption, no database). Function-style and
 * generic (`{ type: 'generic', properties }`) `authenticate` of the loaded credential types are
 * applied; generic values are resolved as expressions against `$credentials`, like n8n's cli does.
 */
import {
  ICredentialsHelper,
  type ICredentialDataDecryptedObject,
  type ICredentials,
  type IDataObject,
  type IHttpRequestOptions,
  type INode,
  type INodeCredentialsDetails,
  type INodeProperties,
  type IRequestOptionsSimplified,
  type Workflow,
} from 'n8n-workflow';

/** credential type name → decrypted data */
export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

interface CredentialLoader {
  credentialTypes: Record<string, { type: { authenticate?: unknown; properties: INodeProperties[]; extends?: string[] } }>;
}

export class TestCredentialsHelper extends ICredentialsHelper {
  constructor(
    private readonly data: TestCredentials,
    private readonly loader?: CredentialLoader,
  ) {
    super();
  }

  private typeOf(name: string) {
    return this.loader?.credentialTypes[name]?.type;
  }

  getParentTypes(name: string): string[] {
    return this.typeOf(name)?.extends ?? [];
  }

  isCredentialUsableByNode(): boolean {
    return true;
  }

  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    typeName: string,
    requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
    workflow?: Workflow,
    node?: INode,
  ): Promise<IHttpRequestOptions> {
    const auth = this.typeOf(typeName)?.authenticate as
      | ((c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>)
      | { type: 'generic'; properties: Record<string, unknown> }
      | undefined;
    const options = requestOptions as IHttpRequestOptions;
    if (typeof auth === 'function') return auth(credentials, options);
    if (!auth || auth.type !== 'generic') return options;
    const resolve = (v: unknown): unknown => {
      if (typeof v !== 'string' || !workflow || !node) return v;
      return workflow.expression.getSimpleParameterValue(node, v, 'internal', { $credentials: credentials }, undefined, '');
    };
    for (const [key, value] of Object.entries(auth.properties)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const target = ((options as unknown as Record<string, IDataObject>)[key] ??= {});
        for (const [k, v] of Object.entries(value)) target[k] = resolve(v) as IDataObject[string];
      } else (options as unknown as Record<string, unknown>)[key] = resolve(value);
    }
    return options;
  }

  async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
    return undefined;
  }

  async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
    return undefined;
  }

  async getCredentials(_nodeCredentials: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
    throw new Error('TestCredentialsHelper.getCredentials is not supported');
  }

  async getDecrypted(_additionalData: unknown, _nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
    const d = this.data[type];
    if (!d) throw new Error(`no test credentials of type ${type}`);
    return { ...d };
  }

  async updateCredentials(): Promise<void> {}

  async updateCredentialsOauthTokenData(): Promise<void> {}

  getCredentialsProperties(type: string): INodeProperties[] {
    return this.typeOf(type)?.properties ?? [];
  }
}
