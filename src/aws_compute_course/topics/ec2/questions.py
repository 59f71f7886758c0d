"""Scenario questions for the EC2 topic (course notebook 01).

Authored to the exam's standard (``aws_compute_course.quiz.bank_problems``): correct answers
spread over the positions, most prompts multi-constraint scenarios with a qualifier, a
choose-two and a choose-three question, and at most one distractor that relies on a retired
feature. The course shows each learner the options in their own shuffled order.
"""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_SPREAD = facts.integer("ec2.spread_instances_per_az_max")
_PARTITIONS = facts.integer("ec2.partitions_per_az_max")
_STANDARD_RI = facts.integer("ec2.standard_ri_max_discount_percent")
_CONVERTIBLE_RI = facts.integer("ec2.convertible_ri_max_discount_percent")
_COMPUTE_SP = facts.integer("ec2.compute_sp_max_discount_percent")
_INSTANCE_SP = facts.integer("ec2.instance_sp_max_discount_percent")
_BASIC = facts.integer("ec2.basic_monitoring_minutes")
_DETAILED = facts.integer("ec2.detailed_monitoring_minutes")
_REGION_FEE = facts.number("ec2.dedicated_region_fee_per_hour")
_NOTICE = facts.integer("spot.interruption_notice_minutes")
_RI_FEE = facts.integer("ec2.ri_marketplace_fee_percent")

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="ec2-cluster",
        prompt=(
            "A research institute is migrating a tightly coupled MPI weather model from its "
            "on-premises HPC cluster to EC2. A run uses 64 instances that exchange messages "
            "constantly, and it checkpoints to Amazon S3 every 15 minutes, so a restart loses "
            "at most 15 minutes of work. The institute accepts that a rare Availability Zone "
            "outage interrupts a run. It wants the LOWEST latency and the highest throughput "
            "between nodes, and the full set of 64 nodes must launch reliably at the start of "
            "each run. What should a solutions architect recommend?"
        ),
        options=(
            Option(
                "A spread placement group across three Availability Zones, with an instance "
                "type that supports enhanced networking.",
                False,
                f"A spread group puts each instance on its own rack and holds at most {_SPREAD} "
                "running instances per AZ: 64 nodes do not fit, and spreading raises the "
                "latency the model is sensitive to.",
            ),
            Option(
                f"A partition placement group with {_PARTITIONS} partitions in one Availability "
                "Zone, so that a rack failure stops only part of the run.",
                False,
                "Partitions isolate groups of racks from each other, which a tightly coupled "
                "job does not need: losing any node stops the run anyway, and the group gives "
                "no low-latency segment.",
            ),
            Option(
                "A cluster placement group in one Availability Zone, an instance type with "
                "enhanced networking, and all 64 instances launched in a single request.",
                True,
                "A cluster group packs instances into a high-bisection-bandwidth segment of "
                "one AZ: the lowest latency between nodes. One launch request for all nodes "
                "makes capacity errors less likely, and checkpoints cover the single-AZ risk.",
            ),
            Option(
                "No placement group: launch the 64 instances into one subnet of one "
                "Availability Zone with an Auto Scaling group, which keeps them on neighbouring "
                "hardware.",
                False,
                "Without a placement group EC2 spreads instances over hardware to reduce "
                "correlated failures; one subnet gives no low-latency guarantee.",
            ),
        ),
    ),
    Question(
        id="ec2-spread",
        prompt=(
            "A company runs a coordination service on 12 small but critical instances: quorum "
            "nodes, licence servers and a few schedulers. A review found that a single rack "
            "failure once took down three of them at the same time. The new design must put "
            "no two of the 12 instances on the same underlying rack, and the service must keep "
            "a majority of its nodes if one Availability Zone of the Region's three fails. "
            "Latency between the nodes is not a concern. Which placement is the MOST "
            "resilient?"
        ),
        options=(
            Option(
                "One spread placement group in a single Availability Zone, holding all 12 "
                "instances, each on its own rack.",
                False,
                f"A spread group holds at most {_SPREAD} running instances per AZ, so the "
                "launch of the eighth fails, and one AZ failure would take the whole service "
                "down.",
            ),
            Option(
                "One spread placement group across the three Availability Zones, with four "
                "instances in each.",
                True,
                f"Four per AZ stays within the {_SPREAD}-instance limit, every instance gets "
                "its own rack with its own network and power, and losing one AZ leaves eight "
                "of the 12 nodes.",
            ),
            Option(
                "A partition placement group with 12 partitions in one Availability Zone, one "
                "instance in each partition.",
                False,
                f"A partition group has at most {_PARTITIONS} partitions per AZ, and a single "
                "AZ still fails as a whole.",
            ),
            Option(
                "A cluster placement group in each of two Availability Zones, with six "
                "instances in each group.",
                False,
                "A cluster group packs instances close together, the opposite of rack "
                "isolation, and with two AZs an AZ failure leaves only half the nodes: no "
                "majority.",
            ),
        ),
    ),
    Question(
        id="ec2-partition",
        prompt=(
            "A company is moving a 300-node Apache Cassandra cluster from its data centre to "
            "EC2, across three Availability Zones with a replication factor of three. Today a "
            "failed rack in the data centre sometimes takes out two replicas of the same "
            "data. In AWS, a hardware failure must affect as few replicas of the same data as "
            "possible, and Cassandra's rack awareness must learn which nodes share hardware "
            "without anyone maintaining a mapping by hand. Which solution meets these "
            "requirements with the LEAST operational overhead?"
        ),
        options=(
            Option(
                "A partition placement group in each AZ; Cassandra takes each node's "
                "partition number from instance metadata as its rack.",
                True,
                f"Partitions share no racks, so a rack failure stays inside one partition. Up "
                f"to {_PARTITIONS} partitions per AZ, and the number of instances is limited "
                "only by the account. Instance metadata reports the partition for "
                "topology-aware databases.",
            ),
            Option(
                "A spread placement group for all 300 nodes, so that every node has a rack of "
                "its own.",
                False,
                f"A spread group holds at most {_SPREAD} running instances per AZ: far too few "
                "for 300 nodes.",
            ),
            Option(
                "A cluster placement group in each Availability Zone, so that replication "
                "inside an AZ is as fast as possible.",
                False,
                "A cluster group packs its nodes into one network segment, so one failure can "
                "take many replicas at once, and it tells Cassandra nothing about racks.",
            ),
            Option(
                "No placement group; tag each instance with a rack name assigned round-robin "
                "at launch and feed the tags to Cassandra.",
                False,
                "The tags are made up: nothing stops EC2 from placing two instances with "
                "different tags on the same hardware, so replicas can still fail together.",
            ),
        ),
    ),
    Question(
        id="ec2-savings-plan",
        prompt=(
            "A company spends steadily on compute and will commit for three years to get a "
            "discount. Over that time it plans to move its services from m5 instances to "
            "AWS Graviton instances, to shift some workloads from us-east-1 to eu-west-1 for "
            "data residency, and to rebuild part of the estate on AWS Fargate and AWS Lambda. "
            "The finance team does not want to buy, exchange or sell commitments each time the "
            "architecture changes. Which purchasing option is the MOST cost-effective for "
            "this plan?"
        ),
        options=(
            Option(
                "An EC2 Instance Savings Plan for the m5 family in us-east-1, renewed for "
                "each new family and Region as the workloads move.",
                False,
                f"It gives the deeper ceiling (up to {_INSTANCE_SP}%) but covers one instance "
                "family in one Region: Graviton, eu-west-1, Fargate and Lambda usage would "
                "all fall outside it while the commitment is still billed.",
            ),
            Option(
                "3-year Convertible Reserved Instances, exchanged for new instance families "
                "as the services move to Graviton.",
                False,
                f"Exchangeable, but at up to {_CONVERTIBLE_RI}% off, bound to a Region, never "
                "covering Fargate or Lambda, and every exchange is the manual work finance "
                "wants to avoid.",
            ),
            Option(
                "3-year Standard Reserved Instances for the current m5 instances, sold on the "
                "Reserved Instance Marketplace when they are no longer needed.",
                False,
                f"The deepest RI discount (up to {_STANDARD_RI}%) for a fixed instance type; "
                "selling them when the estate changes is exactly the churn finance rejects, "
                "and RIs never cover Fargate or Lambda.",
            ),
            Option(
                "A 3-year Compute Savings Plan.",
                True,
                f"Up to {_COMPUTE_SP}% off, applied automatically to EC2 in any family, size, "
                "AZ, Region, OS or tenancy, and to Fargate and Lambda: the commitment follows "
                "the workload through every planned change.",
            ),
        ),
    ),
    Question(
        id="ec2-deepest-discount",
        prompt=(
            "A company runs 50 m5.xlarge Linux instances in eu-west-1 around the clock for "
            "its core banking system. The system is certified on that exact instance type, "
            "and the company has decided not to change the instance family, the size or the "
            "Region for the next three years. Finance wants the LOWEST cost for this capacity "
            "and will pay for a 3-year commitment. Capacity is not a concern, because the "
            "instances already run. Which purchasing options offer the deepest discount for "
            "this workload? (Choose two.)"
        ),
        options=(
            Option(
                "A 3-year Compute Savings Plan.",
                False,
                f"Its flexibility across families, Regions, Fargate and Lambda costs discount: "
                f"up to {_COMPUTE_SP}%, which this fixed workload does not need.",
            ),
            Option(
                "A 3-year EC2 Instance Savings Plan for the m5 family in eu-west-1.",
                True,
                f"Up to {_INSTANCE_SP}% off for a commitment to one instance family in one "
                "Region: the deepest Savings Plan discount, and the workload never leaves it.",
            ),
            Option(
                "3-year Convertible Reserved Instances for m5.xlarge.",
                False,
                f"Convertible RIs trade discount (up to {_CONVERTIBLE_RI}%) for the right to "
                "exchange, which this workload will never use.",
            ),
            Option(
                "3-year Standard Reserved Instances for m5.xlarge.",
                True,
                f"Up to {_STANDARD_RI}% off for a fixed instance type: as deep as an EC2 "
                "Instance Savings Plan for a workload that never changes.",
            ),
            Option(
                "On-Demand Capacity Reservations for the 50 instances.",
                False,
                "A Capacity Reservation guarantees capacity at the On-Demand rate; it is no "
                "discount, and capacity is not a concern here.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="ec2-dedicated-host",
        prompt=(
            "A company is migrating 40 Microsoft SQL Server instances to EC2 and will bring its "
            "existing SQL Server licences, which are counted per physical core. Its licence "
            "auditor requires a report of the sockets and physical cores that the instances "
            "run on. After the monthly patching, operators stop and start each instance, and "
            "every instance must come back on the same physical server so that its licences "
            "stay assigned to that server. Which solution meets all of these requirements "
            "with the LEAST operational overhead?"
        ),
        options=(
            Option(
                "Dedicated Instances, so that the instances run on hardware that no other AWS "
                "account uses.",
                False,
                "Dedicated Instances are single-tenant, but they show no sockets or physical "
                "cores and offer no host affinity: after a stop and start an instance can run "
                "on other hardware.",
            ),
            Option(
                "Dedicated Hosts, with each instance's host affinity set to Host.",
                True,
                "Dedicated Hosts expose sockets and physical cores for per-core licences and "
                "are billed per host; with affinity Host, an instance that is stopped and "
                "started returns to the same host.",
            ),
            Option(
                "Dedicated Hosts with auto-placement, leaving each instance's host affinity at "
                "its default.",
                False,
                "The licences can be counted, but without affinity Host nothing ties a "
                "restarted instance to its previous host: it can start on any available host "
                "of the right configuration.",
            ),
            Option(
                "Default-tenancy instances covered by an EC2 Instance Savings Plan, with the "
                "licences counted per vCPU.",
                False,
                "Shared hardware shows no physical cores, so per-core licences cannot be "
                "reported, and a stop and start can move the instance to another host.",
            ),
        ),
    ),
    Question(
        id="ec2-part-time",
        prompt=(
            "A reporting job runs on four m5.large instances for six hours every night, every "
            "night for the next three years. It must not be interrupted once it starts, and "
            "it always finds capacity in its Region. The instances are not needed during the "
            "day, when they are stopped by a scheduled action. The company is willing to make "
            "a 1-year or 3-year commitment if it saves money over the three years. Which "
            "purchasing option is the MOST cost-effective for these four instances?"
        ),
        options=(
            Option(
                "Spot Instances, which cost the least per hour.",
                False,
                f"The cheapest hours, but EC2 can reclaim Spot capacity with a {_NOTICE}-minute "
                "notice, and the job must not be interrupted.",
            ),
            Option(
                "3-year Standard Reserved Instances, All Upfront, for the four instances.",
                False,
                "An RI is billed for all 24 hours of every day of the term whether the "
                "instances run or not; its discount does not make up for 18 idle hours a day.",
            ),
            Option(
                "On-Demand Instances, started and stopped by the schedule.",
                True,
                "At six hours a day the job uses a quarter of the hours a commitment bills, so "
                "a commitment pays off only with a discount above 75%, more than any "
                f"advertised ceiling (up to {_INSTANCE_SP}%). Try it in the cost explorer.",
            ),
            Option(
                "Scheduled Reserved Instances for the nightly six-hour window.",
                False,
                "The 2021 notes' answer for recurring windows, but Scheduled Reserved "
                "Instances can no longer be purchased.",
                obsolete=True,
            ),
        ),
    ),
    Question(
        id="ec2-monitoring",
        prompt=(
            "An operations team is building a dashboard and alarms for 300 Linux instances "
            "whose application data lives on EBS volumes only. It needs three things: the "
            "memory used on each instance, the read and write operations of the EBS data "
            "volumes, and CPU utilization at one-minute resolution so that scaling alarms react "
            "faster than they do today. The team wants the MOST operationally efficient way "
            "to get exactly these metrics into CloudWatch, with no custom scripts to maintain. "
            "Which actions should the team take? (Choose three.)"
        ),
        options=(
            Option(
                "Install the CloudWatch agent on the instances and use its mem_used_percent "
                "metric.",
                True,
                "Memory is not an EC2 metric, because the hypervisor cannot see inside the "
                "guest; the CloudWatch agent publishes mem_used_percent in the CWAgent "
                "namespace.",
            ),
            Option(
                "Use DiskReadOps and DiskWriteOps in the AWS/EC2 namespace for the data volumes.",
                False,
                "Those count instance store volumes only; these instances have none, so the "
                "metrics stay at zero.",
            ),
            Option(
                "Use VolumeReadOps and VolumeWriteOps in the AWS/EBS namespace for the data "
                "volumes.",
                True,
                "EBS volumes report their operations in the AWS/EBS namespace, per volume.",
            ),
            Option(
                "Alarm on the MemoryUtilization metric that EC2 publishes in the AWS/EC2 "
                "namespace.",
                False,
                "There is no memory metric in AWS/EC2; memory comes only from the CloudWatch "
                "agent.",
            ),
            Option(
                "Enable detailed monitoring on the instances.",
                True,
                f"Detailed monitoring sends EC2 metrics every {_DETAILED} minute instead of "
                f"every {_BASIC} minutes, at a cost, which is what faster alarms need.",
            ),
            Option(
                "Turn on simplified automatic recovery, which publishes status metrics every "
                "minute.",
                False,
                "Recovery moves an instance off failed hardware; it changes no metric period "
                "and adds no memory or volume metrics.",
            ),
        ),
        multi=True,
    ),
    Question(
        id="ec2-recovery",
        prompt=(
            "A licensing server runs on one EBS-backed m5 instance. A partner's firewall "
            "allows only the server's Elastic IP address, and the licence file is bound to "
            "the instance ID and private IP address, so a new instance would need a licence "
            "reissue that takes days. The server keeps no state in memory that matters. If the "
            "underlying host fails, the server must come back with the same instance ID, "
            "private IP address and Elastic IP. Which approach meets the requirement with the "
            "LEAST operational overhead?"
        ),
        options=(
            Option(
                "Put the instance in an Auto Scaling group with a minimum and maximum of one, "
                "so that a failed instance is replaced automatically.",
                False,
                "A replacement is a new instance with a new instance ID and private IP "
                "address: exactly the licence reissue the company must avoid.",
            ),
            Option(
                "Rely on simplified automatic recovery, which is on by default for supported "
                "instances.",
                True,
                "On a system status check failure it moves the instance to healthy hardware "
                "and keeps its instance ID, private IPs, Elastic IPs, metadata and placement "
                "group, with nothing to configure.",
            ),
            Option(
                "Create a CloudWatch alarm on StatusCheckFailed_System with the EC2 recover "
                "action for the instance.",
                False,
                "The 2021 notes' procedure still works, for example where automatic recovery "
                "was turned off, but here it is an alarm to create and maintain for what "
                "already happens by default.",
            ),
            Option(
                "Schedule a daily reboot of the instance, so that it moves off degrading "
                "hardware before it fails.",
                False,
                "A reboot never changes the host, and a host problem is AWS's side: only "
                "recovery moves the instance.",
            ),
        ),
    ),
    Question(
        id="ec2-instance-name",
        prompt=(
            "A team needs an instance type for a build cache: general purpose, on an AWS "
            "Graviton processor to match its Arm build targets, with local NVMe instance store "
            "for scratch files, in size 2xlarge. Which instance type fits?"
        ),
        options=(
            Option(
                "m7g.2xlarge",
                False,
                "General purpose (m), generation 7, Graviton (g), but without the d there is "
                "no instance store: only EBS.",
            ),
            Option(
                "m7gd.2xlarge",
                True,
                "Read it as family m (general purpose), generation 7, g for Graviton, d for "
                "local NVMe instance store, size 2xlarge.",
            ),
            Option(
                "m7i-flex.2xlarge",
                False,
                "The i is an Intel processor, not Graviton, flex marks a Flex instance, and "
                "there is no d, so no instance store.",
            ),
            Option(
                "c7gn.2xlarge",
                False,
                "Graviton, but compute optimized (c) with n for network and EBS "
                "optimization; no instance store.",
            ),
        ),
    ),
    Question(
        id="ec2-placement-move",
        prompt=(
            "Six running instances of a stateful service must move into a new spread placement "
            "group. The instances must keep their instance IDs and EBS volumes, and the team "
            "wants the FEWEST changes. What should the team do for each instance?"
        ),
        options=(
            Option(
                "Call modify-instance-placement with the new group while the instance is "
                "running; it moves at the next maintenance window.",
                False,
                "An instance's placement group can be changed only while it is stopped; "
                "nothing moves a running instance.",
            ),
            Option(
                "Create an AMI, then launch a new instance from it into the placement group and "
                "terminate the old one.",
                False,
                "It works, but the new instance has a new instance ID, and the data volumes "
                "must be moved: more changes than needed.",
            ),
            Option(
                "Stop the instance, modify its placement to the new group, then start it.",
                True,
                "Stop, modify-instance-placement, start: the documented way to move an "
                "instance into or out of a group, keeping its ID and EBS volumes.",
            ),
            Option(
                "Add the placement group to the launch template and reboot the instance.",
                False,
                "A launch template affects new launches only, and a reboot never changes an "
                "instance's hardware or placement.",
            ),
        ),
    ),
    Question(
        id="ec2-dedicated-fee",
        prompt=(
            "For compliance testing, a company runs two small Dedicated Instances in each of "
            "three Regions. The bill shows the instance charges and, in each Region, an "
            "extra charge of about the same amount every hour, whatever the instance sizes. "
            "What is the extra charge, and how can the company lower it while keeping the "
            "tests on single-tenant hardware?"
        ),
        options=(
            Option(
                "The Dedicated Instance per-Region fee, charged while any Dedicated Instance "
                "runs in a Region; run the tests in one Region.",
                True,
                f"Dedicated Instances carry a fee of ${_REGION_FEE:.2f} per hour per Region "
                "while at least one runs there; consolidating to one Region pays it once.",
            ),
            Option(
                "Data transfer between the Regions; place the instances of each Region in a "
                "VPC of their own with no peering, so that no traffic crosses Regions.",
                False,
                "Data transfer varies with traffic, not with each hour, and the instances do "
                "not talk across Regions.",
            ),
            Option(
                "The Dedicated Host allocation charge; release the hosts after the tests.",
                False,
                "Dedicated Instances are not placed on Dedicated Hosts you allocate; there is "
                "no host to release.",
            ),
            Option(
                "The EBS volumes' storage charge; switch the instances to instance store.",
                False,
                "EBS is billed per GB-month of the volumes, not as a flat hourly amount per "
                "Region, and it applies to any tenancy.",
            ),
        ),
    ),
    Question(
        id="ec2-cluster-resilience",
        prompt=(
            "A trading firm runs a latency-critical risk simulation on 32 instances that must "
            "sit as close together on the network as EC2 allows. The simulation checkpoints "
            "its state to Amazon S3 every five minutes. A new business rule requires that, if "
            "the Availability Zone running the simulation fails, the simulation resumes from "
            "its last checkpoint within 30 minutes, in the same Region. The firm wants the "
            "LOWEST latency between nodes while meeting the new rule. Which design should a "
            "solutions architect propose?"
        ),
        options=(
            Option(
                "One cluster placement group that spans two Availability Zones, so that the "
                "simulation keeps running on the nodes of the other AZ if one of them fails.",
                False,
                "A cluster placement group lives in a single Availability Zone; it cannot "
                "span two.",
            ),
            Option(
                "A spread placement group across three Availability Zones, so that no AZ "
                "failure stops every node.",
                False,
                f"A spread group holds at most {_SPREAD} instances per AZ (too few for 32), "
                "and spreading nodes across AZs adds the latency the simulation cannot take.",
            ),
            Option(
                "A partition placement group in each of two Availability Zones, with the "
                "simulation split across both AZs.",
                False,
                "Partitions isolate racks; they give no low-latency segment, and splitting a "
                "tightly coupled job across AZs adds cross-AZ latency.",
            ),
            Option(
                "A cluster placement group in each of two Availability Zones; run in one, and "
                "after an AZ failure launch in the other from the last checkpoint.",
                True,
                "Each run gets a single-AZ cluster group's latency, and the second AZ is the "
                "recovery site: the checkpoint in S3 lets the simulation resume there.",
            ),
        ),
    ),
    Question(
        id="ec2-reservation-billing",
        prompt=(
            "Before a data-centre migration, a company created an On-Demand Capacity "
            "Reservation for 20 m5.large instances in one Availability Zone. Twelve instances "
            "now run in it, four more will arrive next week, and the last four were cancelled "
            "from the plan. The Availability Zone has run short of m5 capacity twice this "
            "year. Finance asks what the reservation costs and wants the MOST cost-effective "
            "change that still guarantees capacity for all 16 instances that the migration "
            "needs. What should a solutions architect tell finance?"
        ),
        options=(
            Option(
                "All 20 are billed at the On-Demand rate, used or not, and the 12 running "
                "ones add nothing; reduce the reservation to 16.",
                True,
                "An active reservation is charged the On-Demand rate for every reserved "
                "instance whether or not an instance runs in it, and a matching instance runs "
                "in it at no extra cost. Four fewer reserved instances remove the waste.",
            ),
            Option(
                "Only the 12 running instances are billed, so the reservation costs nothing "
                "extra until the other instances launch.",
                False,
                "A Capacity Reservation is billed for its reserved capacity whether or not "
                "instances run in it; the eight empty slots cost the On-Demand rate today.",
            ),
            Option(
                "Buy a Savings Plan to cover the eight unused reserved instances, so that "
                "they stop costing money.",
                False,
                "A Savings Plan discounts a reservation's charge, but the eight empty slots "
                "are still paid for; the four that are not needed should go.",
            ),
            Option(
                "Cancel the reservation and launch the remaining instances as On-Demand when "
                "they arrive next week.",
                False,
                "It stops the charge but drops the capacity guarantee for the four instances "
                "still to come, which the migration needs.",
            ),
        ),
    ),
    Question(
        id="ec2-savings-plan-size",
        prompt=(
            "A company's production compute runs at about $40 per hour at On-Demand prices on "
            "nights and weekends and at about $120 per hour on weekdays from 09:00 to 17:00, "
            "and this pattern will hold for three years. The workload cannot be interrupted. "
            "The company will buy a 3-year Compute Savings Plan and pay On-Demand prices for "
            "any usage the plan does not cover. It wants the commitment that is the MOST "
            "cost-effective over the term. Which commitment should a solutions architect "
            "recommend?"
        ),
        options=(
            Option(
                "A commitment that covers the weekday peak (about $120 per hour of On-Demand "
                "usage), so that every hour of usage gets the Savings Plan rate.",
                False,
                "A Savings Plan bills its hourly commitment for every hour of the term; the "
                "part above the floor would be used only about a quarter of the hours and "
                "wasted in the rest.",
            ),
            Option(
                "A commitment that covers the average of the peak and the floor, as a "
                "compromise between the two.",
                False,
                "The part above the floor is used only in the weekday hours, and a commitment "
                f"used a quarter of the time would need a discount far above the up to "
                f"{_COMPUTE_SP}% that Compute Savings Plans offer to pay off.",
            ),
            Option(
                "No commitment: run everything on Spot Instances, which are cheaper than any "
                "Savings Plan.",
                False,
                "Spot can be interrupted, and this production workload cannot be.",
            ),
            Option(
                "A commitment that covers the always-on floor (about $40 per hour of On-Demand "
                "usage), with On-Demand prices for the weekday peak above it.",
                True,
                "The floor is used every hour of the term, so all of the commitment earns its "
                "discount; the peak runs about a quarter of the hours, too few for a "
                "commitment to pay off.",
            ),
        ),
    ),
    Question(
        id="ec2-ri-scope",
        prompt=(
            "A company runs a steady Linux fleet of about 40 m5 instances in three Availability "
            "Zones of one Region, with default tenancy, and will keep it for three years. The "
            "team resizes instances between m5.large and m5.4xlarge every few weeks as load "
            "changes, and rebalances them across the Availability Zones after maintenance. "
            "The company does not need any capacity guarantee, and it wants the reservation "
            "discount to keep applying after each resize or move without anyone exchanging "
            "or modifying reservations. Which purchase is the MOST cost-effective?"
        ),
        options=(
            Option(
                "Regional Standard Reserved Instances for the m5 family in the Region.",
                True,
                "A Regional RI's discount applies in any AZ of the Region and, for Linux with "
                "default tenancy, to any size of the family: resizes and moves keep it.",
            ),
            Option(
                "Zonal Standard Reserved Instances for each instance size in each Availability "
                "Zone, matching today's fleet.",
                False,
                "A zonal RI discounts only its exact type in its own AZ; every resize or move "
                "leaves it unused until someone modifies it. Its capacity reservation is "
                "not needed here.",
            ),
            Option(
                "Convertible Reserved Instances, to be sold on the Reserved Instance "
                "Marketplace if the fleet shrinks.",
                False,
                "Only Standard RIs can be sold on the Marketplace (AWS keeps a "
                f"{_RI_FEE}% fee); Convertible RIs can be exchanged, not sold, and the "
                "exchanges are the manual work the company wants to avoid.",
            ),
            Option(
                "On-Demand Capacity Reservations in each Availability Zone for the current "
                "instance sizes.",
                False,
                "Capacity Reservations are billed at the On-Demand rate: they guarantee "
                "capacity, which the company does not need, and give no discount.",
            ),
        ),
    ),
)

validate_bank(QUESTIONS)
