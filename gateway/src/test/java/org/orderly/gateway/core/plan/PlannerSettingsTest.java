package org.orderly.gateway.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlannerSettingsTest {
    @Test
    void anotherRiskAversionChangesNothingElse() {
        PlannerSettings product = PlannerSettings.defaults(1.8);

        PlannerSettings other = product.withRiskAversion(3);

        assertThat(product.riskAversion()).isEqualTo(PlannerSettings.RISK_AVERSION);
        assertThat(other.riskAversion()).isEqualTo(3);
        assertThat(other.withRiskAversion(PlannerSettings.RISK_AVERSION)).isEqualTo(product);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void aRiskAversionThatWeighsNothingOrCannotBeComparedIsRefused(double riskAversion) {
        assertThatThrownBy(() -> PlannerSettings.defaults(1.8).withRiskAversion(riskAversion))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("riskAversion must be a finite number > 0, was " + riskAversion);
    }
}
