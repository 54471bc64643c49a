package io.switchboard.feedback.config;

import io.switchboard.feedback.domain.LowSatisfactionPolicy;
import io.switchboard.feedback.domain.MetricTargets;
import io.switchboard.feedback.domain.QualityPolicy;
import io.switchboard.feedback.domain.SurveyPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The parsed policies; a spec that cannot be read stops the start. */
@ApplicationScoped
public class PolicyProducer {

    @Produces
    @Singleton
    SurveyPolicy surveyPolicy(FeedbackPolicies policies) {
        return SurveyPolicy.parse(policies.survey());
    }

    @Produces
    @Singleton
    LowSatisfactionPolicy lowSatisfactionPolicy(FeedbackPolicies policies) {
        return LowSatisfactionPolicy.parse(policies.lowSatisfaction());
    }

    @Produces
    @Singleton
    QualityPolicy qualityPolicy(FeedbackPolicies policies) {
        return QualityPolicy.parse(policies.quality());
    }

    @Produces
    @Singleton
    MetricTargets metricTargets(FeedbackPolicies policies) {
        return MetricTargets.parse(policies.targets());
    }
}
