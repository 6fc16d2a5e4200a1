package dev.signalbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The contracts fail implementations that break them, each at the rule it breaks. */
class ContractsTest {

  /** The contract tests that fail when run against {@code broken}. */
  static List<String> failures(Class<?> broken) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(broken)).build(), summary);
    return summary.getSummary().getFailures().stream()
        .map(TestExecutionSummary.Failure::getTestIdentifier).map(t -> t.getDisplayName()).toList();
  }

  @Test
  void poolStrategyContract_failsAStrategyThatSendsToAReplicaNoLongerInThePool() {
    assertThat(failures(BrokenImplementations.StickyStrategy.class))
        .contains("pick_isAlwaysOneOfTheCandidates_underChangingLoads()",
            "aReplicaThatLeaves_isNotPickedAgain_andOneThatJoins_is()");
  }

  @Test
  void sharedStateContract_failsAStoreThatSharesArraysOrListsKeysUnsorted() {
    assertThat(failures(BrokenImplementations.CarelessStore.class))
        .contains("valuesAreCopied_inAndOut()", "valuesRoundTripByKey_andKeysListSortedByPrefix()");
  }

  @Test
  void sharedStateContract_failsAStoreThatLosesWhatItClaimsToPersist() {
    assertThat(failures(BrokenImplementations.ForgetfulStore.class))
        .containsExactly("whatWasWritten_isThereWhenOpenedAgain_ifTheStorePersists()");
  }

  @Test
  void embedderContract_failsAnEmbedderOfTheWrongLengthThatIsNotRegistered() {
    assertThat(failures(BrokenImplementations.ShortEmbedder.class))
        .contains("embed_givesAVectorOfItsDimensions_withFiniteValues()",
            "embed_isDeterministic_andTellsDifferentTextsApart()",
            "id_isStable_andFindsTheEmbedderAmongTheRegisteredOnes()");
  }
}
