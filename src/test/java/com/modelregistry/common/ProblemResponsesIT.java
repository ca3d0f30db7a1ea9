package com.modelregistry.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same error answers from the packaged application. */
@QuarkusIntegrationTest
class ProblemResponsesIT extends ProblemResponsesTest {
}
