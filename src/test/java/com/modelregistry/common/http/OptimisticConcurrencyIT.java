package com.modelregistry.common.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same ETag and If-Match tests against the packaged application. */
@QuarkusIntegrationTest
class OptimisticConcurrencyIT extends OptimisticConcurrencyTest {
}
