package io.fleetstream.testing;

/** One {@link DynamoDbLocalServer} for the whole test run; tests use their own table names. */
public final class DynamoDbLocal extends RunWideServer<DynamoDbLocalServer> {
    public DynamoDbLocal() {
        super("DynamoDB Local", DynamoDbLocalServer::start);
    }
}
