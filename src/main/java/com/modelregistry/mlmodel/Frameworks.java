package com.modelregistry.mlmodel;

import java.util.Locale;

/** Framework names are compared trimmed and lowercase: "PyTorch " and "pytorch" are one framework. */
final class Frameworks {

    private Frameworks() {
    }

    static String normalize(String framework) {
        return framework == null ? null : framework.trim().toLowerCase(Locale.ROOT);
    }
}
