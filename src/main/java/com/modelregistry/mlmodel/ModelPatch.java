package com.modelregistry.mlmodel;

import com.modelregistry.common.text.NotNullWhenGiven;
import java.util.Optional;

/**
 * A partial update. Jackson calls a setter only for a property that is present, so a null Optional means "absent,
 * leave unchanged" and an empty one an explicit JSON null: that clears the accuracy, and is refused for name and
 * framework. Element rules accept null so that an explicit null is reported once, by {@link NotNullWhenGiven}.
 */
public class ModelPatch {

    @NotNullWhenGiven
    private Optional<@ModelRules.Name String> name;
    @NotNullWhenGiven
    private Optional<@ModelRules.Framework String> framework;
    private Optional<@ModelRules.Accuracy Double> accuracy;

    public void setName(String name) {
        this.name = Optional.ofNullable(name);
    }

    public void setFramework(String framework) {
        this.framework = Optional.ofNullable(framework).map(Frameworks::normalize);
    }

    public void setAccuracy(Double accuracy) {
        this.accuracy = Optional.ofNullable(ModelRules.withoutNegativeZero(accuracy));
    }

    Optional<String> name() {
        return name;
    }

    Optional<String> framework() {
        return framework;
    }

    Optional<Double> accuracy() {
        return accuracy;
    }
}
