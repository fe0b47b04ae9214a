/**
 * The Fastify application: zod schemas for validation, serialization and OpenAPI; one plugin
 * per resource under /api/v1; health at the root; the web app everywhere else.
 */
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Clock } from '@caravan/core/clock';
import type { EngineEvents } from '@caravan/engine/runtime/engine-events';
import { ManualClock } from '@caravan/engine/runtime/clock';
import type { Database } from '@caravan/storage/database';
import { accountListsPlugin } from './account-lists.plugin.ts';
import { activitiesPlugin } from './activities.plugin.ts';
import { accountsPlugin } from './accounts.plugin.ts';
import { apiKeysPlugin } from './api-keys.plugin.ts';
import { attributeDefinitionsPlugin } from './attribute-definitions.plugin.ts';
import { audiencesPlugin } from './audiences.plugin.ts';
import { authPlugin } from './auth.plugin.ts';
import { authenticate } from './authenticate.ts';
import { buyingGroupsPlugin } from './buying-groups.plugin.ts';
import { clockPlugin } from './clock.plugin.ts';
import type { Config } from './config.ts';
import { emailsPlugin } from './emails.plugin.ts';
import { engagementPlugin } from './engagement.plugin.ts';
import { handleError } from './errors.ts';
import { eventTypesPlugin } from './event-types.plugin.ts';
import { attributeValuesPlugin } from './attribute-values.plugin.ts';
import { eventsPlugin } from './events.plugin.ts';
import { externalCallbacksPlugin } from './external-callbacks.plugin.ts';
import { externalServicesPlugin } from './external-services.plugin.ts';
import { healthPlugin } from './health.plugin.ts';
import { importsPlugin } from './imports.plugin.ts';
import { journeyRunsPlugin } from './journey-runs.plugin.ts';
import { journeyTransferPlugin } from './journey-transfer.plugin.ts';
import { journeysPlugin } from './journeys.plugin.ts';
import { outboxPlugin } from './outbox.plugin.ts';
import { peoplePlugin } from './people.plugin.ts';
import { preferencesPlugin } from './preferences.plugin.ts';
import { prometheusPlugin } from './prometheus.ts';
import { roleTemplatesPlugin } from './role-templates.plugin.ts';
import { schemasPlugin } from './schemas.plugin.ts';
import { segmentPlugin } from './segment.plugin.ts';
import {
  createIngestionGate,
  createIngestionTally,
  defaultGateLimits,
  type IngestionGate,
  type IngestionTally,
} from './ingestion-gate.ts';
import type { ServerDeps } from './server-deps.ts';
import { webhookSecretsPlugin } from './webhook-secrets.plugin.ts';
import { csrfGuard } from './csrf.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { outboundPolicy } from '@caravan/engine/outbox/outbound-policy';
import { smsPlugin } from './sms.plugin.ts';
import { solutionInterestsPlugin } from './solution-interests.plugin.ts';
import { stageModelsPlugin } from './stage-models.plugin.ts';
import { trackingPlugin } from './tracking.plugin.ts';
import { usersPlugin } from './users.plugin.ts';
import { auditPlugin } from './audit.plugin.ts';
import { settingsPlugin } from './settings.plugin.ts';
import { systemPlugin } from './system.plugin.ts';
import { registerWeb } from './web.plugin.ts';
import { deliveryEventsPlugin } from './delivery-events.plugin.ts';
import { reportsPlugin } from './reports.plugin.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  clock: Clock;
  /** The engine's events, when a worker runs in this process; feeds the Prometheus counters. */
  events?: EngineEvents;
  /** A logger to use instead of one built from LOG_LEVEL (tests pass a silent one). */
  logger?: FastifyBaseLogger;
  /** The gate ingestion batches pass one at a time (tests hold one); else one of default limits. */
  ingestionGate?: IngestionGate;
}

/** Shared by `POST /events`, the Segment routes at /api/v1/segment and /v1, and /metrics. */
interface Ingestion {
  gate: IngestionGate;
  tally: IngestionTally;
}

/** 1 MiB: far above the largest definition the schema allows in practice. */
const bodyLimit = 1024 * 1024;

async function registerDocs(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Caravan API',
        description:
          'Account journey orchestration. Errors: `{ error: { code, message, details? } }`.',
        version: '0.1.0',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'caravan_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (cvn_…)' },
          writeKey: {
            type: 'http',
            scheme: 'basic',
            description: 'Segment calls: an API key (manager or admin) as username, no password',
          },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
}

async function registerApi(
  api: FastifyInstance,
  deps: ServerDeps,
  ingestion: Ingestion,
): Promise<void> {
  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  await api.register(healthPlugin, deps);
  await api.register(authPlugin, deps);
  // Segment sources authenticate with a write key (HTTP Basic), not a session or Bearer key.
  await api.register(segmentPlugin, { ...deps, ...ingestion, prefix: '/segment' });
  // External services answer calls on a URL whose signed token is the authorization.
  await api.register(externalCallbacksPlugin, deps);
  // Providers report bounces, complaints and SMS statuses, authenticated by their signatures.
  await api.register(deliveryEventsPlugin, deps);
  await api.register(async (secured) => {
    // onRequest, before the body is parsed and validated: an anonymous caller learns nothing of
    // the schemas (401, not 400 with details).
    secured.addHook('onRequest', authenticate(deps));
    await secured.register(journeysPlugin, deps);
    await secured.register(journeyTransferPlugin, deps);
    await secured.register(journeyRunsPlugin, deps);
    await secured.register(usersPlugin, deps);
    await secured.register(apiKeysPlugin, deps);
    await secured.register(preferencesPlugin, deps);
    await secured.register(schemasPlugin);
    await secured.register(accountsPlugin, deps);
    await secured.register(peoplePlugin, deps);
    await secured.register(activitiesPlugin, deps);
    await secured.register(audiencesPlugin, deps);
    await secured.register(accountListsPlugin, deps);
    await secured.register(attributeDefinitionsPlugin, deps);
    await secured.register(eventTypesPlugin, deps);
    await secured.register(attributeValuesPlugin, deps);
    await secured.register(eventsPlugin, { ...deps, gate: ingestion.gate });
    await secured.register(importsPlugin, deps);
    await secured.register(emailsPlugin, deps);
    await secured.register(smsPlugin, deps);
    await secured.register(externalServicesPlugin, deps);
    await secured.register(roleTemplatesPlugin, deps);
    await secured.register(stageModelsPlugin, deps);
    await secured.register(solutionInterestsPlugin, deps);
    await secured.register(buyingGroupsPlugin, deps);
    await secured.register(engagementPlugin, deps);
    await secured.register(outboxPlugin, deps);
    await secured.register(settingsPlugin, deps);
    await secured.register(systemPlugin, deps);
    await secured.register(auditPlugin, deps);
    await secured.register(webhookSecretsPlugin, deps);
    await secured.register(reportsPlugin, deps);
    if (deps.config.testClock) {
      if (!(deps.clock instanceof ManualClock))
        throw new Error('CARAVAN_TEST_CLOCK needs a ManualClock');
      await secured.register(clockPlugin, {
        clock: deps.clock,
        database: deps.database,
        config: deps.config,
        ...(deps.events ? { events: deps.events } : {}),
      });
    }
  });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, clock } = options;
  const app = Fastify({
    bodyLimit,
    // Signed tokens in paths (callbacks) are longer than Fastify's default of 100 characters.
    routerOptions: { maxParamLength: 2048 },
    // A hop count is a number, which Fastify takes although its types do not say so.
    trustProxy: config.trustProxy as boolean | string,
    ...(options.logger
      ? { loggerInstance: options.logger }
      : { logger: { level: config.logLevel } }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('principal', null);
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, config);
  app.addHook('onRequest', csrfGuard(config.publicUrl));
  await registerDocs(app, config);
  const deps: ServerDeps = {
    config,
    outbound: outboundPolicy(config.outboundAllow),
    database,
    clock,
    ...(options.events ? { events: options.events } : {}),
  };
  // Health also answers at the root, where orchestrators look for it.
  await app.register(healthPlugin, deps);
  const ingestion: Ingestion = {
    gate: options.ingestionGate ?? createIngestionGate(defaultGateLimits),
    tally: createIngestionTally(),
  };
  await app.register(prometheusPlugin, { ...deps, tally: ingestion.tally });
  // Where the Segment and RudderStack SDKs post by default when only the host is configured.
  await app.register(segmentPlugin, { ...deps, ...ingestion, hidden: true, prefix: '/v1' });
  // Email tracking links (/t/…) are short and public: the signed token is the authorization.
  await app.register(trackingPlugin, deps);
  await app.register((api) => registerApi(api, deps, ingestion), { prefix: '/api/v1' });
  await registerWeb(app, config.webDist);
  return app;
}
