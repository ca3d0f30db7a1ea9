package com.modelregistry.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same hostile requests against the packaged application. */
@QuarkusIntegrationTest
class HostileInputIT extends HostileInputTest {
}
