package io.fleetstream.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link DynamoDbLocalServer} for every test class of a run that registers this extension: started by the
 * first, stopped when the run ends. Tests use their own table names.
 */
public final class DynamoDbLocal implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynamoDbLocal.class);

    private DynamoDbLocalServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", k -> new Running(), Running.class).server;
    }

    public DynamoDbLocalServer server() {
        if (server == null) {
            throw new IllegalStateException("register DynamoDbLocal as a static @RegisterExtension field");
        }
        return server;
    }

    /** Closed by JUnit with the root context, at the end of the run. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final DynamoDbLocalServer server;

        Running() {
            try {
                server = DynamoDbLocalServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start DynamoDB Local", e);
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
