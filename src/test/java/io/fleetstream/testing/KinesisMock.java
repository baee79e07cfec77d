package io.fleetstream.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link KinesisMockServer} for every test class of a run that registers this extension: started by the first,
 * stopped when the run ends (a Node.js start costs seconds). Tests use their own stream names.
 */
public final class KinesisMock implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KinesisMock.class);

    private KinesisMockServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", k -> new Running(), Running.class).server;
    }

    public KinesisMockServer server() {
        if (server == null) {
            throw new IllegalStateException("register KinesisMock as a static @RegisterExtension field");
        }
        return server;
    }

    /** Closed by JUnit with the root context, at the end of the run. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final KinesisMockServer server;

        Running() {
            try {
                server = KinesisMockServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start kinesis-mock", e);
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
