package io.fleetstream.testing;

/**
 * One {@link KinesisMockServer} for the whole test run (a Node.js start costs seconds); tests use their own stream
 * names.
 */
public final class KinesisMock extends RunWideServer<KinesisMockServer> {
    public KinesisMock() {
        super("kinesis-mock", KinesisMockServer::start);
    }
}
