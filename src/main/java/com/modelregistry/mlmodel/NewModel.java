package com.modelregistry.mlmodel;

import jakarta.validation.constraints.NotNull;

/**
 * A request to record a model. The framework is trimmed and lowercased so that filters match it; an accuracy of -0.0
 * is 0.0.
 */
public record NewModel(
        @NotNull @ModelRules.Name String name,
        @NotNull @ModelRules.Framework String framework,
        @ModelRules.Accuracy Double accuracy) {

    public NewModel {
        framework = Frameworks.normalize(framework);
        accuracy = ModelRules.withoutNegativeZero(accuracy);
    }
}
