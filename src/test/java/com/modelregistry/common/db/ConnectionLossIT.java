package com.modelregistry.common.db;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same connection-loss test against the packaged application. */
@QuarkusIntegrationTest
class ConnectionLossIT extends ConnectionLossTest {
}
