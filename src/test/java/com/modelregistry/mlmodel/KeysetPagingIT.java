package com.modelregistry.mlmodel;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same cursor tests against the packaged application. */
@QuarkusIntegrationTest
class KeysetPagingIT extends KeysetPagingTest {
}
