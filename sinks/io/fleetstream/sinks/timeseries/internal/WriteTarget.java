package io.fleetstream.sinks.timeseries.internal;

import io.fleetstream.sinks.timeseries.Precision;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Where and how lines are written: the InfluxDB v2 write API ({@code POST /api/v2/write}) of an endpoint, which
 * InfluxDB 2 and 3, Timestream for InfluxDB and QuestDB all serve, with the token and the retry policy. The token
 * never appears in {@link #toString()} or in error messages.
 */
public final class WriteTarget implements Serializable {
    private static final long serialVersionUID = 1L;

    private final URI writeUri;
    private final String token;
    private final Duration requestTimeout;
    private final Duration retryTimeout;
    private final Backoff backoff;

    public WriteTarget(URI writeUri, String token, Duration requestTimeout, Duration retryTimeout, Backoff backoff) {
        this.writeUri = writeUri;
        this.token = token == null ? "" : token;
        this.requestTimeout = requestTimeout;
        this.retryTimeout = retryTimeout;
        this.backoff = backoff;
    }

    /**
     * The write URL of an {@code http(s)://host[:port][/path]} endpoint.
     *
     * @throws IllegalArgumentException naming what is wrong with the endpoint
     */
    public static URI writeUri(String endpoint, String org, String bucket, Precision precision) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("no endpoint: expected http(s)://host:port");
        }
        URI base;
        try {
            base = URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + endpoint + "' is not a URL: expected http(s)://host:port");
        }
        String scheme = base.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || base.getHost() == null || base.getRawQuery() != null || base.getRawFragment() != null
                || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + endpoint + "' is not an http(s)://host:port URL"
                    + " (a path prefix is allowed; no query, user or fragment)");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("no bucket: the write API needs one");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        StringBuilder query = new StringBuilder();
        if (org != null && !org.isBlank()) {
            query.append("org=").append(encode(org.strip())).append('&');
        }
        query.append("bucket=").append(encode(bucket.strip())).append("&precision=").append(precision.parameter());
        return URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + base.getRawAuthority() + path + "/api/v2/write?" + query);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public URI writeUri() {
        return writeUri;
    }

    /** Empty when the store needs no token. */
    String token() {
        return token;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration retryTimeout() {
        return retryTimeout;
    }

    public Backoff backoff() {
        return backoff;
    }

    @Override
    public String toString() {
        return writeUri + (token.isEmpty() ? " (no token)" : " (token set)");
    }
}
