/**
 * Products in the Security Hub–compatible API: DescribeProducts (the catalogue), and the product
 * subscriptions that let a third-party product import findings — EnableImportFindingsForProduct,
 * DisableImportFindingsForProduct, ListEnabledProductsForImport — with Security Hub's
 * product-subscription ARNs (`arn:<partition>:securityhub:<region>:<account>:product-subscription/<company>/<product>`).
 * AWS integrations are always enabled (listed, and neither enabled nor disabled here).
 */
import { InvalidInputError, ResourceConflictError, ResourceNotFoundError } from '../shared/errors';
import { enabledProductKeys, subscriptionArn, subscriptionKey } from '../hub';
import { catalogueProduct, isAwsProduct, isDefaultProduct, parseProductArn, productArnOf, PRODUCTS, type CatalogueProduct } from '../asff';
import { optionalInteger, requiredString } from './envelope';
import { hubServices, requireEnabled } from './hub-operations';
import { defineOperation, type ApiOperation, type ServiceLocation } from './operation';

const MAX_PAGE = 100;

interface PageInput {
  MaxResults?: number;
  NextToken?: string;
}

/** MaxResults and NextToken from the query string (restJson1 `httpQuery`). */
function parsePage(query: Record<string, string>): PageInput {
  const max = query.MaxResults;
  if (max !== undefined && !/^\d+$/.test(max)) throw new InvalidInputError(`Invalid parameter 'MaxResults': expected an integer, got '${max}'.`);
  return {
    ...(max !== undefined && { MaxResults: optionalInteger(Number(max), 'MaxResults', 1, MAX_PAGE) }),
    ...(query.NextToken !== undefined && { NextToken: query.NextToken }),
  };
}

/** One page of `items` from an offset token of operation `name`. */
function page<T>(items: readonly T[], input: PageInput, name: string): { items: T[]; next?: string } {
  let offset = 0;
  if (input.NextToken !== undefined) {
    const decoded = /^(\w+):(\d+)$/.exec(Buffer.from(input.NextToken, 'base64url').toString('utf8'));
    if (decoded === null || decoded[1] !== name) throw new InvalidInputError(`Invalid parameter 'NextToken': not a token of ${name}.`);
    offset = Number(decoded[2]);
  }
  const end = offset + (input.MaxResults ?? MAX_PAGE);
  return { items: items.slice(offset, end), ...(end < items.length && { next: Buffer.from(`${name}:${end}`).toString('base64url') }) };
}

/** A catalogue product as Security Hub's `Product`. */
function productOutput(product: CatalogueProduct, location: ServiceLocation) {
  return {
    ProductArn: productArnOf(product, location.region, location.partition),
    ProductName: product.productName,
    CompanyName: product.companyName,
    Description: product.description,
    Categories: [...product.categories],
    IntegrationTypes: [...product.integrationTypes],
    ...(product.marketplaceUrl !== undefined && { MarketplaceUrl: product.marketplaceUrl }),
    ...(product.activationUrl !== undefined && { ActivationUrl: product.activationUrl }),
  };
}

const describeProducts = defineOperation<PageInput & { ProductArn?: string }>({
  name: 'DescribeProducts',
  method: 'GET',
  path: '/products',
  parse: ({ query }) => ({ ...parsePage(query), ...(query.ProductArn !== undefined && { ProductArn: query.ProductArn }) }),
  async invoke(input, _services, _caller, location) {
    const all = PRODUCTS.map((product) => productOutput(product, location));
    const selected = input.ProductArn === undefined ? all : all.filter((product) => product.ProductArn === input.ProductArn);
    const { items, next } = page(selected, input, 'DescribeProducts');
    return { output: { Products: items, ...(next && { NextToken: next }) }, log: { returned: items.length } };
  },
});

/** The product key of a ProductArn this hub can subscribe to, or the error Security Hub answers. */
function subscribableKey(productArn: string, location: ServiceLocation): string {
  const parts = parseProductArn(productArn);
  if (parts === undefined) {
    throw new InvalidInputError(
      `Invalid parameter 'ProductArn': '${productArn}' is not a product ARN (arn:${location.partition}:securityhub:${location.region}::product/<company>/<product>).`,
    );
  }
  if (parts.region !== location.region || parts.partition !== location.partition) {
    throw new InvalidInputError(
      `Invalid parameter 'ProductArn': names Region ${parts.region || '(none)'} in ${parts.partition}; this hub is in ${location.region} (${location.partition}).`,
    );
  }
  if (isDefaultProduct(parts)) throw new ResourceConflictError(`The account's default product ${productArn} is always enabled for import.`);
  if (isAwsProduct(parts)) throw new ResourceConflictError(`${productArn} is an AWS integration, always enabled for import.`);
  if (catalogueProduct(productArn) === undefined) {
    throw new InvalidInputError(`Invalid parameter 'ProductArn': no product ${productArn} (DescribeProducts lists the products).`);
  }
  return `${parts.company}/${parts.product}`;
}

const enableImportFindingsForProduct = defineOperation<{ ProductArn: string }>({
  name: 'EnableImportFindingsForProduct',
  method: 'POST',
  path: '/productSubscriptions',
  parse: ({ body }) => ({ ProductArn: requiredString(body.ProductArn, 'ProductArn') }),
  async invoke(input, services, _caller, location) {
    const key = subscribableKey(input.ProductArn, location);
    await hubServices(services).repository.update((state) => {
      requireEnabled(state, location);
      if (state.subscriptions.includes(key)) throw new ResourceConflictError(`Import of findings is already enabled for product ${input.ProductArn}.`);
      return { ...state, subscriptions: [...state.subscriptions, key] };
    });
    const arn = subscriptionArn(location, key);
    return { output: { ProductSubscriptionArn: arn }, log: { productSubscriptionArn: arn } };
  },
});

const disableImportFindingsForProduct = defineOperation<{ ProductSubscriptionArn: string }>({
  name: 'DisableImportFindingsForProduct',
  method: 'DELETE',
  path: '/productSubscriptions/{ProductSubscriptionArn+}',
  parse: ({ pathParameters }) => ({ ProductSubscriptionArn: requiredString(pathParameters.ProductSubscriptionArn, 'ProductSubscriptionArn') }),
  async invoke(input, services, _caller, location) {
    const key = subscriptionKey(location, input.ProductSubscriptionArn);
    if (key === undefined) {
      throw new InvalidInputError(
        `Invalid parameter 'ProductSubscriptionArn': '${input.ProductSubscriptionArn}' is not a product subscription of this hub (${subscriptionArn(location, '<company>/<product>')}).`,
      );
    }
    if (key.startsWith('aws/')) throw new InvalidInputError(`Invalid parameter 'ProductSubscriptionArn': ${key} is an AWS integration, always enabled for import.`);
    await hubServices(services).repository.update((state) => {
      requireEnabled(state, location);
      if (!state.subscriptions.includes(key)) throw new ResourceNotFoundError(`No product subscription ${input.ProductSubscriptionArn}.`);
      return { ...state, subscriptions: state.subscriptions.filter((subscribed) => subscribed !== key) };
    });
    return { output: {} };
  },
});

const listEnabledProductsForImport = defineOperation<PageInput>({
  name: 'ListEnabledProductsForImport',
  method: 'GET',
  path: '/productSubscriptions',
  parse: ({ query }) => parsePage(query),
  async invoke(input, services, _caller, location) {
    const state = requireEnabled(await hubServices(services).repository.get(), location);
    const arns = enabledProductKeys(state).map((key) => subscriptionArn(location, key));
    const { items, next } = page(arns, input, 'ListEnabledProductsForImport');
    return { output: { ProductSubscriptions: items, ...(next && { NextToken: next }) }, log: { returned: items.length } };
  },
});

/** The product operations of the registry. */
export const PRODUCT_OPERATIONS: readonly ApiOperation[] = [describeProducts, enableImportFindingsForProduct, disableImportFindingsForProduct, listEnabledProductsForImport];
