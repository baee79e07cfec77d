package io.fleetstream.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server for every test class of a run that registers the subclass's extension: started by the first, stopped
 * when the run ends, because real servers take seconds to start. Tests keep apart by naming their own tables or
 * streams.
 */
abstract class RunWideServer<S extends AutoCloseable> implements BeforeAllCallback {
    /** Starts the server; may throw whatever its start-up throws. */
    interface Starter<S> {
        S start() throws Exception;
    }

    private final String name;
    private final Starter<S> starter;
    private S server;

    RunWideServer(String name, Starter<S> starter) {
        this.name = name;
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // one store entry per subclass, in the root context: JUnit closes it when the run ends
        @SuppressWarnings("unchecked")
        Running<S> running = context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()))
                .getOrComputeIfAbsent("server", k -> new Running<>(name, starter), Running.class);
        server = running.server;
    }

    public S server() {
        if (server == null) {
            throw new IllegalStateException("register " + getClass().getSimpleName()
                    + " as a static @RegisterExtension field");
        }
        return server;
    }

    private static final class Running<S extends AutoCloseable> implements ExtensionContext.Store.CloseableResource {
        final S server;

        Running(String name, Starter<S> starter) {
            try {
                server = starter.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start " + name, e);
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
