"""Scenario questions for the Spot topic (course notebook 03)."""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_NOTICE = facts.integer("spot.interruption_notice_minutes")
_POLL = facts.integer("spot.notice_poll_seconds")
_FLEET_MAX = facts.integer("spot.fleet_target_capacity_max")
_FLEET_TOTAL = facts.integer("spot.fleets_total_target_capacity_max")
_BLOCK_HOURS = facts.integer("spot.block_max_hours")

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="spot-max-price",
        prompt=(
            "A media company runs a fault-tolerant transcoding fleet on Spot Instances. To keep "
            "costs predictable, the team sets a maximum price of 30% of the On-Demand price on "
            "every request. Jobs now finish late because instances are interrupted often. "
            "What should a solutions architect recommend?"
        ),
        options=(
            Option(
                "Remove the maximum price so that the instances pay the current Spot price.",
                True,
                "AWS recommends not setting a maximum price: you pay the current Spot price "
                "either way, and a maximum price makes interruptions more frequent. Without one "
                "the cap is the On-Demand price.",
            ),
            Option(
                "Lower the maximum price to 20% of On-Demand so that the fleet pays less per hour.",
                False,
                "A lower maximum means the Spot price exceeds it more often: more interruptions, "
                "not fewer. You never pay your maximum, only the Spot price.",
            ),
            Option(
                f"Use Spot blocks to reserve the instances for {_BLOCK_HOURS} hours without "
                "interruption.",
                False,
                "Spot blocks (defined-duration Spot) were closed to new customers in July 2021 "
                f"and ended on {facts.text('spot.block_end_date')}: they cannot be requested.",
            ),
            Option(
                "Switch the fleet to the lowestPrice allocation strategy.",
                False,
                "lowestPrice concentrates capacity in the cheapest pool, which is often the one "
                "with the least spare capacity: it tends to raise interruptions.",
            ),
        ),
    ),
    Question(
        id="spot-notice",
        prompt=(
            "A batch service on Spot Instances must save its progress to Amazon S3 before an "
            "instance is reclaimed. Which approach gives the application the most time to "
            "checkpoint?"
        ),
        options=(
            Option(
                f"Poll the instance metadata for spot/instance-action every {_POLL} seconds (or "
                "react to the EventBridge 'EC2 Spot Instance Interruption Warning' event) and "
                "checkpoint as soon as it appears.",
                True,
                f"EC2 issues the interruption notice {_NOTICE} minutes before it stops or "
                f"terminates the instance; AWS recommends checking every {_POLL} seconds. The "
                "EventBridge event carries the same warning.",
            ),
            Option(
                "Watch the CloudWatch CPUUtilization metric and checkpoint when it drops.",
                False,
                "CPU utilization says nothing about an upcoming interruption.",
            ),
            Option(
                "Set a maximum price just above the current Spot price and checkpoint when the "
                "price approaches it.",
                False,
                "Most interruptions are about capacity, not price, and a maximum price only "
                "makes interruptions more frequent.",
            ),
            Option(
                "Configure hibernation as the interruption behaviour so the instance gets a "
                "longer warning.",
                False,
                "With hibernation you get the notice but no two-minute warning: hibernation "
                "starts at once.",
            ),
        ),
    ),
    Question(
        id="spot-fleet-legacy",
        prompt=(
            "A company is designing a new service that should run on a mix of On-Demand and Spot "
            "capacity across several instance types, with instances replaced automatically "
            "when they fail or are interrupted. Which option should a solutions architect "
            "choose today?"
        ),
        options=(
            Option(
                "An Auto Scaling group with a mixed instances policy (a launch template, several "
                "instance types, an On-Demand base and the priceCapacityOptimized strategy).",
                True,
                "AWS now describes Spot Fleet as a legacy API with no planned investment and "
                "points to EC2 Fleet, or to Auto Scaling groups when you don't want to manage "
                "the instance lifecycle yourself. Mixed instances policies need a launch "
                "template.",
            ),
            Option(
                "A Spot Fleet request with a launch configuration.",
                False,
                "Spot Fleet is a legacy API, and launch configurations get no new instance "
                "types and cannot be created at all by newer accounts.",
            ),
            Option(
                "Scheduled Reserved Instances for the base and Spot blocks for peaks.",
                False,
                "Neither can be bought any more: Scheduled RIs are no longer sold and Spot "
                "blocks ended in 2022.",
            ),
            Option(
                "One Auto Scaling group per instance type, each with a single Spot pool.",
                False,
                "Single-pool groups are the least resilient to capacity interruptions and add "
                "operational overhead; one mixed group diversifies across pools.",
            ),
        ),
    ),
    Question(
        id="spot-allocation",
        prompt=(
            "A CI/CD build farm runs on Spot capacity across 12 instance pools. Builds restart "
            "from scratch when interrupted, so the team wants few interruptions but still low "
            "cost. Which allocation strategy fits best?"
        ),
        options=(
            Option(
                "priceCapacityOptimized",
                True,
                "It first picks the pools least likely to be interrupted, then the lowest "
                "priced of those: AWS's recommended default for most Spot workloads.",
            ),
            Option(
                "lowestPrice",
                False,
                "Cheapest pools first, regardless of spare capacity: the highest interruption "
                "risk, bad for work that restarts from scratch.",
            ),
            Option(
                "capacityOptimized",
                False,
                "Also low interruption risk, but it ignores price entirely; "
                "priceCapacityOptimized gets the same risk profile at a lower cost.",
            ),
            Option(
                "diversified",
                False,
                "Spreads capacity evenly over all pools, including the riskiest ones; it limits "
                "the blast radius of one pool but does not minimise interruptions.",
            ),
        ),
    ),
    Question(
        id="spot-fleet-capacity",
        prompt=(
            "A genomics team plans one fleet with a target capacity of 15,000 vCPU-weighted "
            "units in a single Region. The request is rejected. What is the most likely "
            "reason?"
        ),
        options=(
            Option(
                f"The target capacity per fleet is limited to {_FLEET_MAX:,} units by default "
                "(a soft limit: request an increase, or split the work over several fleets).",
                True,
                f"Spot Fleet and EC2 Fleet allow {_FLEET_MAX:,} units per fleet and "
                f"{_FLEET_TOTAL:,} across all fleets in a Region by default; both are soft "
                "limits.",
            ),
            Option(
                "Spot Instances cannot be weighted by vCPU.",
                False,
                "Fleets support WeightedCapacity per instance type, so target capacity can be "
                "counted in vCPUs, memory or any unit you choose.",
            ),
            Option(
                "A fleet can only use one instance type.",
                False,
                "Fleets are designed to mix instance types and AZs (pools).",
            ),
            Option(
                f"The Region-wide limit of {_FLEET_TOTAL:,} units is exceeded.",
                False,
                f"15,000 is well under the {_FLEET_TOTAL:,}-unit Region-wide default; the "
                "per-fleet limit is what this request breaks.",
            ),
        ),
    ),
    Question(
        id="spot-fit",
        prompt="Which workload is the best fit for Spot Instances?",
        options=(
            Option(
                "A stateless, horizontally scaled image-rendering queue that can retry work.",
                True,
                "Flexible, fault-tolerant, retryable work is the textbook Spot workload: an "
                f"interruption costs at most the work since the last checkpoint, for savings "
                f"of up to {facts.integer('spot.max_discount_percent')}%.",
            ),
            Option(
                "A single primary relational database that must not restart during business hours.",
                False,
                "An interruption takes the database down; use On-Demand with a Reserved "
                "Instance or Savings Plan for steady, uninterruptible load.",
            ),
            Option(
                "A licence server bound to one physical host.",
                False,
                "Host-bound licences need Dedicated Hosts; Spot capacity can be reclaimed at "
                "any time.",
            ),
            Option(
                "A 4-hour uninterruptible job scheduled with a Spot block.",
                False,
                "Spot blocks no longer exist; an uninterruptible job needs On-Demand (or a "
                "Capacity Reservation).",
            ),
        ),
    ),
)

validate_bank(QUESTIONS)
