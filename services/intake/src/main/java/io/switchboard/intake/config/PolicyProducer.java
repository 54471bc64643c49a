package io.switchboard.intake.config;

import io.switchboard.intake.domain.CategoryRules;
import io.switchboard.intake.domain.Classifier;
import io.switchboard.intake.domain.ClassifierDefaults;
import io.switchboard.intake.domain.EmergencyRules;
import io.switchboard.intake.domain.IvrMenu;
import io.switchboard.intake.domain.PriorityMatrix;
import io.switchboard.intake.domain.SeverityMapping;
import io.switchboard.intake.domain.SupportLevels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Builds the domain's policy objects from configuration once, failing start-up on a bad entry. */
@ApplicationScoped
public class PolicyProducer {

    @Produces
    @Singleton
    Classifier classifier(IntakePolicies policies) {
        return new Classifier(
                orDefault(policies.priorityMatrix(), PriorityMatrix::parse, PriorityMatrix::defaults),
                orDefault(policies.severity(), SeverityMapping::parse, SeverityMapping::defaults),
                orDefault(policies.categories(), CategoryRules::parse, CategoryRules::defaults),
                orDefault(policies.emergency(), EmergencyRules::parse, EmergencyRules::defaults),
                orDefault(policies.fallbacks(), ClassifierDefaults::parse, ClassifierDefaults::defaults));
    }

    @Produces
    @Singleton
    IvrMenu ivrMenu(IntakePolicies policies) {
        return orDefault(policies.ivr(), IvrMenu::parse, IvrMenu::defaults);
    }

    @Produces
    @Singleton
    SupportLevels supportLevels(IntakePolicies policies) {
        return orDefault(policies.supportLevels(), SupportLevels::parse, SupportLevels::defaults);
    }

    private static <T> T orDefault(Map<String, String> entries, Function<Map<String, String>, T> parse, Supplier<T> defaults) {
        return entries == null || entries.isEmpty() ? defaults.get() : parse.apply(entries);
    }
}
