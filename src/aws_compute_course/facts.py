"""Every AWS number the course states, once, with its source and the date it was checked.

Notebooks, widgets, models and tests read limits from here; nothing else hard-codes them.
Where the January 2021 study notes said something different, ``notes_2021`` records what
they said, so the course can tell learners what changed (they will meet the old values in
older material).

``verified_on`` is the day the value was last read in the cited source. Values marked with
a month only (``YYYY-MM``) were checked in the course's fact-check of mid-2026
(``shared/reference/aws-facts.md`` in the steering repository) and not re-read since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class Fact:
    """One stated AWS value: what it is, where it comes from, when it was checked."""

    key: str
    value: float | int | str
    unit: str
    summary: str
    source: str
    verified_on: str
    topic: str
    notes_2021: str | None = None

    def __post_init__(self) -> None:
        if not _DATE.match(self.verified_on):
            raise ValueError(
                f"verified_on for {self.key!r} must be YYYY-MM[-DD], got {self.verified_on!r}"
            )
        if not self.source.startswith("https://"):
            raise ValueError(f"source for {self.key!r} must be an https URL, got {self.source!r}")

    @property
    def changed_since_notes(self) -> bool:
        """True when the 2021 notes stated something else (or nothing correct) for this fact."""
        return self.notes_2021 is not None

    def cite(self) -> str:
        """A short citation for notebooks: the source and when it was checked."""
        return f"{self.source} (checked {self.verified_on})"


_SPOT_NOTICES = (
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html"
)
_SPOT_MARKET = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SpotMarketOptions.html"
# EC2's own pages now only say "Deprecated"; EMR's API reference keeps AWS's dated notice.
_SPOT_BLOCKS = (
    "https://docs.aws.amazon.com/emr/latest/APIReference/API_SpotProvisioningSpecification.html"
)
_SPOT_PRICING = "https://aws.amazon.com/ec2/spot/pricing/"
_FLEET_QUOTAS = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/fleet-quotas.html"
_SPOT_FLEET = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/work-with-spot-fleets.html"
_SPOT_ALLOC = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SpotOptions.html"
_PLACEMENT = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-strategies.html"
_RI = "https://aws.amazon.com/ec2/reserved-instances/"
_SP = "https://aws.amazon.com/savingsplans/compute-pricing/"
_EC2_TYPE_NAMES = "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html"
_EC2_SCHEDULED = (
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PurchaseScheduledInstances.html"
)
_EC2_ODCR_BILLING = (
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservations-pricing-billing.html"
)
_EC2_SP_FAQ = "https://aws.amazon.com/savingsplans/faq/"
_EC2_RECOVERY = (
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-configuration-recovery.html"
)
_EC2_AFFINITY = (
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstancePlacement.html"
)
_EC2_METRICS = (
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html"
)
_EC2_HOSTS = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dedicated-hosts-overview.html"
_LAMBDA_LIMITS = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"
_LAMBDA_MEMORY = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html"
_LAMBDA_ASYNC = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
_LAMBDA_SCALING = "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html"
_LAMBDA_TMP = "https://docs.aws.amazon.com/lambda/latest/api/API_EphemeralStorage.html"
_LAMBDA_ASYNC_ERRORS = (
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
)
_LAMBDA_DESTINATIONS = (
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
)
_LAMBDA_KINESIS = "https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html"
_LAMBDA_SQS_ERRORS = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html"
_LAMBDA_RESERVED = "https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html"
_LAMBDA_BILLING = (
    "https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/"
)
_SAM_DEPLOY = (
    "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/"
    "automating-updates-to-serverless-apps.html"
)

_ALL: tuple[Fact, ...] = (
    # --- Spot -------------------------------------------------------------------------
    Fact(
        "spot.max_discount_percent",
        90,
        "%",
        "Spot Instances cost up to 90% less than On-Demand.",
        _SPOT_PRICING,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.interruption_notice_minutes",
        2,
        "minutes",
        "EC2 warns two minutes before it stops or terminates a Spot Instance "
        "(EventBridge event and instance metadata); hibernation gets no two-minute warning.",
        _SPOT_NOTICES,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.notice_poll_seconds",
        5,
        "seconds",
        "AWS recommends checking for interruption notices every 5 seconds.",
        _SPOT_NOTICES,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.max_price_recommended",
        "no",
        "",
        "AWS does not recommend setting a maximum price: without one you pay the current Spot "
        "price, and with one your instances are interrupted more frequently.",
        _SPOT_MARKET,
        "2026-11-26",
        "spot",
        notes_2021="Define a max spot price; you lose the instance when the spot price exceeds it.",
    ),
    Fact(
        "spot.block_end_date",
        "2022-12-31",
        "date",
        "Spot blocks (defined duration, 1 to 6 hours) were closed to new customers on "
        "1 July 2021 and supported until 31 December 2022; BlockDurationMinutes is deprecated.",
        _SPOT_BLOCKS,
        "2026-11-26",
        "spot",
        notes_2021="Spot Block: 1 to 6 hours without interruptions.",
    ),
    Fact(
        "spot.block_closed_date",
        "2021-07-01",
        "date",
        "Spot blocks were closed to new customers on this date.",
        _SPOT_BLOCKS,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.block_max_hours",
        6,
        "hours",
        "Spot blocks (now discontinued) ran for 1 to 6 hours.",
        _SPOT_BLOCKS,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.fleet_target_capacity_max",
        10_000,
        "units",
        "Target capacity per Spot Fleet or EC2 Fleet (soft limit).",
        _FLEET_QUOTAS,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.fleets_total_target_capacity_max",
        100_000,
        "units",
        "Target capacity across all Spot Fleets and EC2 Fleets in a Region (soft limit).",
        _FLEET_QUOTAS,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.active_fleets_max",
        1_000,
        "fleets",
        "Active Spot Fleets and EC2 Fleets per Region (shared between the two).",
        _FLEET_QUOTAS,
        "2026-11-26",
        "spot",
    ),
    Fact(
        "spot.fleet_status",
        "legacy",
        "",
        "Spot Fleet is a legacy API with no planned investment; use EC2 Fleet, or an Auto "
        "Scaling group with a mixed instances policy when you don't want to manage the "
        "instance lifecycle.",
        _SPOT_FLEET,
        "2026-11-26",
        "spot",
        notes_2021="Spot Fleet presented as the way to mix Spot and On-Demand instances.",
    ),
    Fact(
        "spot.allocation_recommended",
        "priceCapacityOptimized",
        "",
        "priceCapacityOptimized is the recommended allocation strategy: pools with the "
        "highest capacity availability first, then the lowest priced of those.",
        _SPOT_ALLOC,
        "2026-11-26",
        "spot",
    ),
    # --- EC2 --------------------------------------------------------------------------
    Fact(
        "ec2.spread_instances_per_az_max",
        7,
        "running instances",
        "A rack-level spread placement group holds at most 7 running instances per AZ.",
        _PLACEMENT,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.partitions_per_az_max",
        7,
        "partitions",
        "A partition placement group has at most 7 partitions per AZ.",
        _PLACEMENT,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.partitions_dedicated_max",
        2,
        "partitions",
        "With Dedicated Instances a partition placement group has at most 2 partitions.",
        _PLACEMENT,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.placement_groups_per_region_max",
        500,
        "groups",
        "Placement groups per Region.",
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-placement-group.html",
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.standard_ri_max_discount_percent",
        72,
        "%",
        "Standard Reserved Instances: up to 72% off On-Demand (1- or 3-year term).",
        _RI,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.convertible_ri_max_discount_percent",
        54,
        "%",
        "Convertible Reserved Instances: up to 54% off On-Demand.",
        _RI,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.compute_sp_max_discount_percent",
        66,
        "%",
        "Compute Savings Plans: up to 66% off On-Demand.",
        _SP,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.instance_sp_max_discount_percent",
        72,
        "%",
        "EC2 Instance Savings Plans: up to 72% off On-Demand.",
        _SP,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.dedicated_region_fee_per_hour",
        2.0,
        "USD/hour",
        "Dedicated Instances carry a per-Region fee while at least one runs in the Region.",
        "https://aws.amazon.com/ec2/pricing/dedicated-instances/",
        "2026-06",
        "ec2",
    ),
    Fact(
        "ec2.instance_families",
        "M, T, A, Mac; C, Hpc; R, X, U, z; P, G, Inf, Trn, DL, F, VT; I, Im, Is, D, H",
        "",
        "Today's instance families by category: general purpose (M, T, A, Mac), compute "
        "optimized (C, Hpc), memory optimized (R, X, U, z), accelerated computing (P, G, Inf, "
        "Trn, DL, F, VT) and storage optimized (I, Im, Is, D, H).",
        _EC2_TYPE_NAMES,
        "2026-06",
        "ec2",
        notes_2021="Six families: R, C, M, I, G and T.",
    ),
    Fact(
        "ec2.cluster_single_rack",
        "no",
        "",
        "A cluster placement group packs instances into one AZ, in a high-bisection-bandwidth "
        "network segment; AWS states they are not isolated to a single rack. The real risks are "
        "the single AZ and capacity errors when instances are added later.",
        _PLACEMENT,
        "2026-11-26",
        "ec2",
        notes_2021="Cluster: same rack, same AZ; if the rack fails, all instances fail.",
    ),
    Fact(
        "ec2.cluster_azs_max",
        1,
        "AZ",
        "A cluster placement group lives in a single Availability Zone.",
        _PLACEMENT,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.spread_dedicated_supported",
        "no",
        "",
        "Spread placement groups do not support Dedicated Instances.",
        _PLACEMENT,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.partition_instances_max",
        "account limits",
        "",
        "A partition placement group holds as many instances as your account's limits allow.",
        _PLACEMENT,
        "2026-11-26",
        "ec2",
        notes_2021="Partition: up to 100 EC2 instances.",
    ),
    Fact(
        "ec2.partition_choice",
        "PartitionNumber at launch",
        "",
        "You pick an instance's partition at launch (PartitionNumber) or let EC2 spread "
        "instances evenly; instance metadata only reports the partition, for topology-aware "
        "applications such as HDFS, HBase and Cassandra.",
        _PLACEMENT,
        "2026-11-26",
        "ec2",
        notes_2021="You can choose which partition by using metadata.",
    ),
    Fact(
        "ec2.scheduled_ri_purchasable",
        "no",
        "",
        "You can no longer purchase Scheduled Reserved Instances.",
        _EC2_SCHEDULED,
        "2026-11-26",
        "ec2",
        notes_2021="Scheduled reserved instances: every Thursday between 3 and 6 pm.",
    ),
    Fact(
        "ec2.commitment_term_short_years",
        1,
        "year",
        "Reserved Instances and Savings Plans are bought for a 1-year or a 3-year term.",
        _EC2_SP_FAQ,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.commitment_term_long_years",
        3,
        "years",
        "The longer Reserved Instance and Savings Plan term.",
        _RI,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.savings_plans",
        "Compute, EC2 Instance",
        "",
        "Savings Plans (since 2019): commit to a USD-per-hour spend for 1 or 3 years. Compute "
        "Savings Plans apply to EC2 in any family, size, AZ, Region, OS or tenancy, and to "
        "Fargate and Lambda; EC2 Instance Savings Plans to one instance family in one Region.",
        _EC2_SP_FAQ,
        "2026-11-26",
        "ec2",
        notes_2021="Not mentioned: Reserved, Convertible and Scheduled RIs only.",
    ),
    Fact(
        "ec2.capacity_reservation_billing",
        "On-Demand rate, used or not",
        "",
        "An active On-Demand Capacity Reservation is charged the On-Demand rate whether or not "
        "instances run in it (no upfront charge; a matching instance runs at no extra cost); "
        "Savings Plans and Regional RI discounts apply to it.",
        _EC2_ODCR_BILLING,
        "2026-11-26",
        "ec2",
        notes_2021="Not mentioned: no way to reserve capacity without a 1-year RI.",
    ),
    Fact(
        "ec2.dedicated_host_licensing",
        "per-socket, per-core, per-VM",
        "",
        "Dedicated Hosts let you use existing per-socket, per-core or per-VM software licences: "
        "they show sockets and physical cores, support host affinity and are billed per host; "
        "Dedicated Instances are billed per instance and offer neither.",
        _EC2_HOSTS,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.host_affinity_scope",
        "stop/start",
        "",
        "Host affinity governs stop and start: with affinity Host, a stopped instance restarts "
        "on the same Dedicated Host. A reboot never changes the host.",
        _EC2_AFFINITY,
        "2026-11-26",
        "ec2",
        notes_2021="Host affinity keeps instance reboots on the same host.",
    ),
    Fact(
        "ec2.basic_monitoring_minutes",
        5,
        "minutes",
        "Basic monitoring: EC2 metrics arrive in 5-minute periods at no charge.",
        _EC2_METRICS,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.detailed_monitoring_minutes",
        1,
        "minute",
        "Detailed monitoring (extra cost, enabled per instance): 1-minute periods.",
        _EC2_METRICS,
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.disk_metrics_scope",
        "instance store only",
        "",
        "DiskReadOps, DiskWriteOps, DiskReadBytes and DiskWriteBytes count instance store "
        "volumes only; EBS volumes report in the AWS/EBS namespace (VolumeReadOps, ...).",
        _EC2_METRICS,
        "2026-11-26",
        "ec2",
        notes_2021="Disk: Read/Write (as if it covered every disk).",
    ),
    Fact(
        "ec2.memory_metric",
        "mem_used_percent",
        "",
        "Memory is not an EC2 metric: the CloudWatch agent publishes it (mem_used_percent, "
        "CWAgent namespace).",
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/"
        "metrics-collected-by-CloudWatch-agent.html",
        "2026-11-26",
        "ec2",
    ),
    Fact(
        "ec2.auto_recovery_default",
        "on",
        "",
        "Simplified automatic recovery is on by default for supported instances: no alarm "
        "needed. The recovered instance keeps its instance ID, private IPs, Elastic IPs, public "
        "IPv4 address, metadata and placement group.",
        _EC2_RECOVERY,
        "2026-11-26",
        "ec2",
        notes_2021="Set up a CloudWatch alarm on StatusCheckFailed_System to recover the instance.",
    ),
    # --- Lambda -------------------------------------------------------------------------
    Fact(
        "lambda.memory_min_mb",
        128,
        "MB",
        "Smallest Lambda memory setting (1-MB steps).",
        _LAMBDA_MEMORY,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.memory_max_mb",
        10_240,
        "MB",
        "Largest Lambda memory setting: 10,240 MB, since 1 December 2020.",
        _LAMBDA_MEMORY,
        "2026-11-26",
        "lambda",
        notes_2021="RAM: 128 MB to 3 GB.",
    ),
    Fact(
        "lambda.memory_per_vcpu_mb",
        1_769,
        "MB",
        "At 1,769 MB a function has the equivalent of one vCPU.",
        _LAMBDA_MEMORY,
        "2026-11-26",
        "lambda",
        notes_2021="1.5 GB gets 2 vCPU.",
    ),
    Fact(
        "lambda.vcpu_max",
        6,
        "vCPU",
        "CPU scales with memory up to 6 vCPUs at 10,240 MB.",
        (
            "https://aws.amazon.com/blogs/aws/new-for-aws-lambda-functions-with-up-to-10-gb-of-memory-and-6-vcpus/"
        ),
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.timeout_max_seconds",
        900,
        "seconds",
        "Maximum timeout of a standard function (15 minutes).",
        _LAMBDA_LIMITS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.concurrency_default",
        1_000,
        "concurrent executions",
        "Default concurrency quota per Region (soft limit; new accounts may get less).",
        _LAMBDA_LIMITS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.scaling_rate_per_10s",
        1_000,
        "execution environments",
        "Each function can add 1,000 execution environments every 10 seconds.",
        _LAMBDA_SCALING,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.async_retries_default",
        2,
        "retries",
        "Asynchronous invocations are retried twice by default (configurable 0 to 2).",
        _LAMBDA_ASYNC,
        "2026-11-26",
        "lambda",
        notes_2021="Retry on errors (3 tries).",
    ),
    Fact(
        "lambda.async_max_event_age_hours",
        6,
        "hours",
        "Asynchronous events are kept for up to 6 hours (maximum event age).",
        _LAMBDA_ASYNC,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.memory_step_mb",
        1,
        "MB",
        "Memory is set in 1-MB steps between the smallest and the largest setting.",
        _LAMBDA_MEMORY,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.tmp_default_mb",
        512,
        "MB",
        "The /tmp directory (ephemeral storage) is 512 MB by default.",
        _LAMBDA_TMP,
        "2026-11-26",
        "lambda",
        notes_2021="/tmp storage: 512 MB (as a fixed limit).",
    ),
    Fact(
        "lambda.tmp_max_mb",
        10_240,
        "MB",
        "Ephemeral storage (/tmp) can be set to any whole number of MB from 512 to 10,240.",
        _LAMBDA_TMP,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.package_zip_max_mb",
        50,
        "MB",
        "A .zip deployment package uploaded directly to Lambda: at most 50 MB (larger ones "
        "go through Amazon S3).",
        _LAMBDA_LIMITS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.package_unzipped_max_mb",
        250,
        "MB",
        "The unzipped deployment package, layers included: at most 250 MB.",
        _LAMBDA_LIMITS,
        "2026-11-26",
        "lambda",
        notes_2021="Deployment package: 250 MB.",
    ),
    Fact(
        "lambda.image_max_gb",
        10,
        "GB",
        "A function packaged as a container image (since December 2020): up to 10 GB.",
        _LAMBDA_LIMITS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.payload_sync_mb",
        6,
        "MB",
        "Invocation payload of a synchronous invocation: 6 MB.",
        _LAMBDA_LIMITS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.payload_async_mb",
        1,
        "MB",
        "Invocation payload of an asynchronous invocation: 1 MB (it used to be 256 KB).",
        _LAMBDA_LIMITS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.cold_start_percent",
        1,
        "%",
        "Cold starts typically occur in under 1% of invocations and last from under 100 ms "
        "to over 1 second.",
        "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html",
        "2026-11-26",
        "lambda",
        notes_2021="Cold invocation: ~100 ms.",
    ),
    Fact(
        "lambda.billing_granularity_ms",
        1,
        "ms",
        "Duration is billed in 1-ms increments, rounded up, with no minimum (since December "
        "2020; it used to be rounded up to 100 ms).",
        _LAMBDA_BILLING,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.unreserved_min",
        100,
        "concurrent executions",
        "Reserved concurrency must leave at least 100 concurrent executions unreserved for "
        "the functions that have none.",
        _LAMBDA_RESERVED,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.async_retry_first_wait_minutes",
        1,
        "minute",
        "After a function error in an asynchronous invocation, Lambda waits 1 minute before "
        "the second attempt.",
        _LAMBDA_ASYNC_ERRORS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.async_retry_second_wait_minutes",
        2,
        "minutes",
        "Lambda waits 2 minutes between the second and the third attempt of an asynchronous "
        "invocation.",
        _LAMBDA_ASYNC_ERRORS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.async_failure_destinations",
        "SQS, SNS, Lambda, EventBridge, S3",
        "",
        "On-failure destinations of asynchronous invocations: Amazon SQS, Amazon SNS, Lambda, "
        "EventBridge and Amazon S3 (S3 for failures only; FIFO queues and topics are not "
        "valid destinations).",
        _LAMBDA_DESTINATIONS,
        "2026-11-26",
        "lambda",
        notes_2021="Asynchronous: success and failed events can go to SQS, SNS, Lambda and "
        "EventBridge.",
    ),
    Fact(
        "lambda.esm_failure_destinations",
        "SQS, SNS, S3",
        "",
        "Event source mappings for Kinesis, DynamoDB Streams and Kafka can send discarded "
        "batches to SQS, SNS or S3; an SQS event source relies on the queue's own dead-letter "
        "queue instead.",
        (
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventsourcemapping-onfailure.html"
        ),
        "2026-11-26",
        "lambda",
        notes_2021="Event source mapping: only discarded event batches can be sent to SQS and SNS.",
    ),
    Fact(
        "lambda.stream_retry_attempts_max",
        10_000,
        "retries",
        "Kinesis and DynamoDB stream mappings retry a failing batch until its records expire "
        "by default (MaximumRetryAttempts -1); you can cap the retries (0 to 10,000), bisect "
        "the batch, limit the record age and add an on-failure destination.",
        _LAMBDA_KINESIS,
        "2026-11-26",
        "lambda",
        notes_2021="If there is an error the entire batch is reprocessed until it succeeds, "
        "which stops the shard.",
    ),
    Fact(
        "lambda.stream_record_age_max_seconds",
        604_800,
        "seconds",
        "A stream mapping's maximum record age can be set up to 604,800 s (7 days); the "
        "default, -1, never discards records for age.",
        _LAMBDA_KINESIS,
        "2026-11-26",
        "lambda",
    ),
    Fact(
        "lambda.sqs_partial_batch",
        "ReportBatchItemFailures",
        "",
        "An SQS event source can report partial batch failures (ReportBatchItemFailures): "
        "only the failed messages return to the queue, reappear after the visibility timeout, "
        "and go to the queue's dead-letter queue after maxReceiveCount receives.",
        _LAMBDA_SQS_ERRORS,
        "2026-11-26",
        "lambda",
        notes_2021="If there is an error the entire batch is reprocessed until it succeeds; "
        "SQS FIFO stops unless a DLQ is defined.",
    ),
    Fact(
        "lambda.sqs_fifo_ordering",
        "per message group",
        "",
        "Standard SQS queues do not preserve order; FIFO queues preserve it within each "
        "message group.",
        _LAMBDA_SQS_ERRORS,
        "2026-11-26",
        "lambda",
        notes_2021="All records respect ordering except SQS.",
    ),
    Fact(
        "lambda.go1x_end_of_support",
        "2023-12-31",
        "date",
        "The Go 1.x managed runtime is deprecated (end of support 31 December 2023); Go "
        "and Rust now run on the OS-only runtimes provided.al2023 and provided.al2.",
        (
            "https://aws.amazon.com/blogs/compute/migrating-aws-lambda-functions-from-the-go1-x-runtime-to-the-custom-runtime-on-amazon-linux-2/"
        ),
        "2026-11-26",
        "lambda",
        notes_2021="Runtimes: Node.js, Python, Ruby, Java, Go, C#.",
    ),
    Fact(
        "lambda.codedeploy_types",
        "Canary10Percent5Minutes, Canary10Percent10Minutes, Canary10Percent15Minutes, "
        "Canary10Percent30Minutes, Linear10PercentEvery1Minute, Linear10PercentEvery2Minutes, "
        "Linear10PercentEvery3Minutes, Linear10PercentEvery10Minutes, AllAtOnce",
        "",
        "The traffic-shifting types of a SAM DeploymentPreference (CodeDeploy names carry the "
        "prefix CodeDeployDefault.Lambda, e.g. CodeDeployDefault.LambdaLinear10PercentEvery3"
        "Minutes).",
        _SAM_DEPLOY,
        "2026-11-26",
        "lambda",
        notes_2021="Liner10PercentEvery3Minutes, Liner10PercentEvery10Minutes (misspelt).",
    ),
)

FACTS: dict[str, Fact] = {f.key: f for f in _ALL}
if len(FACTS) != len(_ALL):
    raise RuntimeError("duplicate fact key in facts.py")


def fact(key: str) -> Fact:
    """The fact registered under ``key``; a ``KeyError`` names close keys when it is unknown."""
    try:
        return FACTS[key]
    except KeyError:
        prefix = key.split(".")[0]
        near = sorted(k for k in FACTS if k.startswith(prefix + "."))
        raise KeyError(f"no fact {key!r}; facts for {prefix!r}: {near}") from None


def value(key: str) -> float | int | str:
    """The value of the fact registered under ``key``."""
    return fact(key).value


def facts_for(topic: str) -> list[Fact]:
    """All facts of one topic, in registry order."""
    found = [f for f in _ALL if f.topic == topic]
    if not found:
        topics = sorted({f.topic for f in _ALL})
        raise ValueError(f"topic must be one of {topics}, got {topic!r}")
    return found
